package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.record.RecordJson;
import dev.epoxy.glue.types.SchemaJson;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * A Glue DynamicFrame: self-describing records whose schema may hold choices, plus the error
 * records of its lineage. See {@code epoxy-runtime/DESIGN.md}.
 *
 * <p>The records are a Spark {@link Dataset} (the <em>encoded</em> dataset): every choice column is
 * already the struct {@link #toDF()} returns (one field per alternative, named by Glue type name)
 * and top-level columns whose Glue type Spark cannot express carry it in their metadata ({@link
 * SparkTypes}). Typed stages are therefore plain Catalyst plans. Error records never appear in
 * {@link #count()} or {@link #toDF()}; they live in the {@link ErrorLog}.
 *
 * <p>Instances are immutable; every transform returns a new frame through {@link #derive}.
 */
public final class DynamicFrame {
    private final GlueContext glueContext;
    private final Dataset<Row> dataset;
    private final ErrorLog errorLog;
    private final String name;
    private final String transformationContext;
    private final Optional<StructType> declaredSchema;
    private volatile StructType dataSchema;

    private DynamicFrame(GlueContext glueContext, Dataset<Row> dataset, ErrorLog errorLog, String name,
            String transformationContext, Optional<StructType> declaredSchema) {
        this.glueContext = requireNonNull(glueContext, "glueContext is null");
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.errorLog = requireNonNull(errorLog, "errorLog is null");
        this.name = requireNonNull(name, "name is null");
        this.transformationContext = requireNonNull(transformationContext, "transformationContext is null");
        this.declaredSchema = requireNonNull(declaredSchema, "declaredSchema is null");
    }

    /**
     * A frame over an encoded dataset produced by a source, with the error records the source
     * produced (empty if it cannot produce any).
     */
    public static DynamicFrame fromSource(GlueContext glueContext, Dataset<Row> dataset, Optional<Dataset<Row>> errors,
            String name, StageContext stage) {
        StageErrors stageErrors = new StageErrors(stageName(name, stage), errors, stage.stageThreshold(), stage.totalThreshold());
        return new DynamicFrame(glueContext, dataset, ErrorLog.start(stageErrors), name, stage.transformationContext(), Optional.empty());
    }

    /**
     * A frame over a Spark DataFrame; struct columns stay structs (Spark has no choices).
     * Column names must be unique.
     */
    // Called from Python via py4j (DynamicFrame.fromDF)
    public static DynamicFrame fromDF(Dataset<Row> dataFrame, GlueContext glueContext, String name) {
        requireNonNull(dataFrame, "dataFrame is null");
        List<String> seen = new ArrayList<>();
        for (String column : dataFrame.columns()) {
            checkInput(!seen.contains(column), "Duplicate column name in DataFrame: %s; rename it before DynamicFrame.fromDF", column);
            seen.add(column);
        }
        return fromSource(glueContext, dataFrame, Optional.empty(), name == null ? "" : name, StageContext.none());
    }

    /** Glue's Scala {@code DynamicFrame(df, glueContext)}. */
    public static DynamicFrame apply(Dataset<Row> dataFrame, GlueContext glueContext) {
        return fromDF(dataFrame, glueContext, "");
    }

    /** An empty frame with an empty schema. */
    // Called from Python via py4j (DynamicFrameCollection.select of an absent key)
    public static DynamicFrame emptyDynamicFrame(GlueContext glueContext) {
        return fromDF(glueContext.sparkSession().emptyDataFrame(), glueContext, "");
    }

    /**
     * The frame a typed stage produces: new records, no new error records. Transforms call this
     * (or {@link #derive(Dataset, Dataset, StageContext)}) instead of building frames themselves.
     * {@code newDataset} must follow the encoding of {@link SparkTypes}: use
     * {@link SparkTypes#metadataFor} when a new top-level column holds a choice.
     */
    public DynamicFrame derive(Dataset<Row> newDataset, StageContext stage) {
        return derive(newDataset, Optional.empty(), stage);
    }

    /** The frame a stage produces together with its own error records (schema {@link ErrorRecords#SCHEMA}). */
    public DynamicFrame derive(Dataset<Row> newDataset, Dataset<Row> stageErrors, StageContext stage) {
        return derive(newDataset, Optional.of(stageErrors), stage);
    }

    private DynamicFrame derive(Dataset<Row> newDataset, Optional<Dataset<Row>> stageErrors, StageContext stage) {
        StageErrors errors = new StageErrors(stageName(name, stage), stageErrors, stage.stageThreshold(), stage.totalThreshold());
        return new DynamicFrame(glueContext, newDataset, errorLog.append(errors), name, stage.transformationContext(), Optional.empty());
    }

    /**
     * The same stage with its records narrowed or redistributed (a source's push_down_predicate,
     * sample or minimum partitions): no new stage, so the source's error records stay its stage's.
     */
    DynamicFrame withSourceRecords(Dataset<Row> records) {
        return new DynamicFrame(glueContext, records, errorLog, name, transformationContext, declaredSchema);
    }

    /** The frame a stage over two inputs (join, union, merge) produces; both lineages' errors are kept. */
    public DynamicFrame deriveWith(DynamicFrame other, Dataset<Row> newDataset, Optional<Dataset<Row>> stageErrors,
            String newName, StageContext stage) {
        StageErrors errors = new StageErrors(stageName(newName, stage), stageErrors, stage.stageThreshold(), stage.totalThreshold());
        return new DynamicFrame(glueContext, newDataset, errorLog.appendAfterMerge(other.errorLog, errors), newName,
                stage.transformationContext(), Optional.empty());
    }

    private static String stageName(String frameName, StageContext stage) {
        if (!stage.transformationContext().isEmpty()) {
            return stage.transformationContext();
        }
        return frameName.isEmpty() ? "<unnamed>" : frameName;
    }

    // ---- accessors for transforms -------------------------------------------------------------

    /** The encoded dataset (choices as structs, Glue types in metadata). Transforms build on it. */
    // Called from Python via py4j (map, filter, mapPartitions read the records)
    public Dataset<Row> dataset() {
        return dataset;
    }

    /** The context this frame was made in. */
    public GlueContext glueContext() {
        return glueContext;
    }

    /** The error records of the whole lineage, one entry per stage. */
    public ErrorLog errorLog() {
        return errorLog;
    }

    /** Glue's accessor, the same as {@link #name()}. */
    // Called from Python via py4j
    public String getName() {
        return name;
    }

    /** The frame's name; empty when it has none. */
    public String name() {
        return name;
    }

    /** The same records, error log and schema under another name (no new stage). */
    // Called from Python via py4j
    public DynamicFrame withName(String newName) {
        return new DynamicFrame(glueContext, dataset, errorLog, requireNonNull(newName, "newName is null"),
                transformationContext, declaredSchema);
    }

    /** The {@code transformation_ctx} of the stage that made this frame; empty when none was given. */
    public String transformationContext() {
        return transformationContext;
    }

    /** The same frame with another {@code transformation_ctx} (no new stage). */
    public DynamicFrame withTransformationContext(String context) {
        return new DynamicFrame(glueContext, dataset, errorLog, name, requireNonNull(context, "context is null"), declaredSchema);
    }

    // ---- schema -------------------------------------------------------------------------------

    /** The Glue schema: the one attached by {@link #withFrameSchema} if any, else the data's. */
    // Called from Python via py4j: schema().toString() is the schema JSON, schema().treeString() the text
    public StructType schema() {
        return declaredSchema.orElseGet(this::dataSchema);
    }

    /** The Glue schema of the encoded dataset, derived from its Spark schema once (no job). */
    private StructType dataSchema() {
        StructType computed = dataSchema;
        if (computed == null) {
            computed = SparkTypes.fromSparkSchema(dataset.schema());
            dataSchema = computed;
        }
        return computed;
    }

    /** Glue's Scala API; always true, since the schema is derived from the Spark schema without a job. */
    public boolean isSchemaComputed() {
        return true;
    }

    /** Glue schema as schema JSON (§6.3). */
    // Called from Python via py4j
    public String schemaJson() {
        return schema().json();
    }

    /** Attaches a known schema (Python {@code with_frame_schema}); records are unchanged. */
    public DynamicFrame withFrameSchema(StructType newSchema) {
        return new DynamicFrame(glueContext, dataset, errorLog, name, transformationContext,
                Optional.of(requireNonNull(newSchema, "newSchema is null")));
    }

    /** {@link #withFrameSchema} with the schema as Glue schema JSON. */
    // Called from Python via py4j
    public DynamicFrame pyWithFrameSchema(String schemaJson) {
        return withFrameSchema(SchemaJson.structFromJson(schemaJson));
    }

    /** Prints {@link #schema()} in Glue's tree format to standard output. */
    public void printSchema() {
        System.out.print(schema().treeString());
    }

    // ---- records ------------------------------------------------------------------------------

    /** Number of records (not counting error records); checks error thresholds when any are set. */
    // Called from Python via py4j
    public long count() {
        errorLog.checkThresholds();
        return dataset.count();
    }

    /** The first {@code numRows} records as JSON objects, one per line (Glue's {@code show}). */
    // Called from Python via py4j
    public String showString(int numRows) {
        checkInput(numRows >= 0, "num_rows must not be negative: %s", numRows);
        // The data's schema, not a declared one: the rows follow the encoding of the data.
        StructType glueSchema = dataSchema();
        StringBuilder out = new StringBuilder();
        for (Row row : dataset.takeAsList(numRows)) {
            out.append(RecordJson.toJson(row, glueSchema)).append('\n');
        }
        return out.toString();
    }

    /** Prints {@link #showString(int)} to standard output. */
    public void show(int numRows) {
        System.out.print(showString(numRows));
    }

    /** Prints the first 20 records. */
    public void show() {
        show(20);
    }

    /**
     * The records as a Spark DataFrame: unresolved choices are structs named by type name, and the
     * Glue metadata is removed, so {@code fromDF(toDF())} sees plain structs as Glue does.
     */
    // Called from Python via py4j
    public Dataset<Row> toDF() {
        boolean hasMetadata = false;
        for (StructField field : dataset.schema().fields()) {
            hasMetadata |= field.metadata().contains(SparkTypes.GLUE_TYPE_KEY);
        }
        if (!hasMetadata) {
            return dataset;
        }
        List<Column> columns = new ArrayList<>();
        for (StructField field : dataset.schema().fields()) {
            Column column = dataset.col(quote(field.name()));
            if (field.metadata().contains(SparkTypes.GLUE_TYPE_KEY)) {
                // An alias inherits its child's metadata even when given empty metadata; a no-op cast
                // (removed by the optimizer) is not a named expression, so nothing is inherited.
                column = column.cast(field.dataType());
            }
            columns.add(column.as(field.name()));
        }
        return dataset.select(columns.toArray(new Column[0]));
    }

    /**
     * {@code toDF} with resolve options: a JSON list of {@code [path, action]} pairs where action is
     * {@code make_struct} or {@code project:<type>} (the Python ResolveOption translation).
     */
    // Called from Python via py4j
    public Dataset<Row> toDF(String resolveSpecsJson) {
        return ChoiceProjection.apply(this, resolveSpecsJson).toDF();
    }

    /** Quotes a top-level column name for {@link Dataset#col}: backticks escape dots and spaces. */
    public static String quote(String columnName) {
        return "`" + columnName.replace("`", "``") + "`";
    }

    // ---- partitions ---------------------------------------------------------------------------

    /** The number of partitions of the records. */
    // Called from Python via py4j
    public int getNumPartitions() {
        return dataset.rdd().getNumPartitions();
    }

    /**
     * The records in exactly {@code numPartitions} partitions (a shuffle).
     *
     * @throws GlueRuntimeException INVALID_INPUT unless {@code numPartitions} is positive
     */
    // Called from Python via py4j
    public DynamicFrame repartition(int numPartitions, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        checkInput(numPartitions > 0, "num_partitions must be positive: %s", numPartitions);
        return derive(dataset.repartition(numPartitions),
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** {@link #repartition(int, String, CallSite, long, long)} without stage arguments. */
    public DynamicFrame repartition(int numPartitions) {
        return repartition(numPartitions, "", CallSite.none(), 0, 0);
    }

    /**
     * The records in at most {@code numPartitions} partitions, merged without a shuffle unless
     * {@code shuffle} is true (then as {@link #repartition}).
     *
     * @throws GlueRuntimeException INVALID_INPUT unless {@code numPartitions} is positive
     */
    // Called from Python via py4j
    public DynamicFrame coalesce(int numPartitions, boolean shuffle, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        checkInput(numPartitions > 0, "num_partitions must be positive: %s", numPartitions);
        Dataset<Row> coalesced = shuffle ? dataset.repartition(numPartitions) : dataset.coalesce(numPartitions);
        return derive(coalesced, StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** {@link #coalesce(int, boolean, String, CallSite, long, long)} without a shuffle or stage arguments. */
    public DynamicFrame coalesce(int numPartitions) {
        return coalesce(numPartitions, false, "", CallSite.none(), 0, 0);
    }

    // ---- errors -------------------------------------------------------------------------------

    /** All error records up to this frame, as a frame with the single column {@code error}. */
    // Called from Python via py4j
    public DynamicFrame errorsAsDynamicFrame() {
        return fromDF(errorLog.allErrors(glueContext.sparkSession()), glueContext, name + "_errors");
    }

    /** Error records of the whole lineage. */
    // Called from Python via py4j
    public long errorsCount() {
        return errorLog.totalCount();
    }

    /** Error records produced by the stage that produced this frame. */
    // Called from Python via py4j
    public long stageErrorsCount() {
        return errorLog.lastStage().count();
    }

    /**
     * Computes the error records and checks every stage's thresholds.
     *
     * @throws GlueRuntimeException ERROR_THRESHOLD_EXCEEDED naming the stage
     */
    // Called from Python via py4j
    public void assertErrorThreshold() {
        errorLog.checkThresholds();
    }

    // ---- transforms (issue 3; logic in dev.epoxy.glue.transforms, see DESIGN.md §6) ----------
    // Each method is a py4j entry point taking JSON for lists/dicts and the common trailing
    // arguments (transformationContext, callSite, stageThreshold, totalThreshold).

    /** ApplyMapping: {@code mappingsJson} is a JSON list of (source, source type, target, target type) tuples. */
    // Called from Python via py4j
    public DynamicFrame applyMapping(String mappingsJson, boolean caseSensitive, String transformationContext,
            CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.ApplyMapping.apply(this, mappingsJson, caseSensitive,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /**
     * ResolveChoice with per-path specs ({@code specsJson}, a JSON list of [path, action]) or one
     * {@code choice} for all; {@code choice} {@code match_catalog} casts choices to the types of the catalog table
     * {@code database.tableName}.
     */
    // Called from Python via py4j
    public DynamicFrame resolveChoice(String specsJson, String choice, String database, String tableName,
            String transformationContext, CallSite callSite, long stageThreshold, long totalThreshold, String catalogId) {
        StageContext stage = StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold);
        if (dev.epoxy.glue.transforms.ResolveChoice.isMatchCatalog(choice)) {
            checkInput(database != null && !database.isBlank() && tableName != null && !tableName.isBlank(),
                    "ResolveChoice match_catalog needs database and table_name");
            return dev.epoxy.glue.transforms.ResolveChoice.applyMatchingCatalog(this, specsJson,
                    glueContext.getCatalogSchemaAsSparkSchema(database, tableName, catalogId), stage);
        }
        return dev.epoxy.glue.transforms.ResolveChoice.apply(this, specsJson, choice, database, tableName, stage);
    }

    /** DropFields: removes the fields at the paths of the JSON list {@code pathsJson}. */
    // Called from Python via py4j
    public DynamicFrame dropFields(String pathsJson, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.DropFields.apply(this, pathsJson,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** SelectFields: keeps only the fields at the paths of the JSON list {@code pathsJson}. */
    // Called from Python via py4j
    public DynamicFrame selectFields(String pathsJson, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.SelectFields.apply(this, pathsJson,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** RenameField: moves the field at path {@code oldName} to path {@code newName}. */
    // Called from Python via py4j
    public DynamicFrame renameField(String oldName, String newName, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.RenameField.apply(this, oldName, newName,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** Scala {@code dropNulls()}: drops the null-typed fields. */
    // Called from Python via py4j
    public DynamicFrame dropNullFields(String transformationContext, CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.DropNullFields.apply(this,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** Unnest: nested struct fields become top-level fields named by their dotted paths. */
    // Called from Python via py4j
    public DynamicFrame unnest(String transformationContext, CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.Unnest.apply(this, StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** Unbox: parses the string field at {@code path} as {@code format} (json or csv) into a struct. */
    // Called from Python via py4j
    public DynamicFrame unbox(String path, String format, String optionsJson, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.Unbox.apply(this, path, format, optionsJson,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** The two frames of SplitFields, named {@code name1} (the listed fields) and {@code name2} (the rest). */
    // Called from Python via py4j
    public List<DynamicFrame> splitFields(String pathsJson, String name1, String name2, String transformationContext,
            CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.SplitFields.apply(this, pathsJson, name1, name2,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** The two frames of SplitRows, named {@code name1} (matching records) and {@code name2} (the others). */
    // Called from Python via py4j
    public List<DynamicFrame> splitRows(String comparisonJson, String name1, String name2, String transformationContext,
            CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.SplitRows.apply(this, comparisonJson, name1, name2,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** Spigot: writes a sample of the records as JSON under {@code path} and returns this frame's records. */
    // Called from Python via py4j
    public DynamicFrame spigot(String path, String optionsJson, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.Spigot.apply(this, path, optionsJson,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /**
     * Join: an inner equi-join with {@code other} on the JSON key lists {@code keys1Json} (this
     * frame) and {@code keys2Json}; see {@link dev.epoxy.glue.transforms.Join}.
     */
    // Called from Python via py4j
    public DynamicFrame join(String keys1Json, String keys2Json, DynamicFrame other, String transformationContext,
            CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.Join.apply(this, keys1Json, keys2Json, other,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** The records of this frame and {@code other}, schemas merged by name; both lineages' errors are kept. */
    // Called from Python via py4j
    public DynamicFrame union(DynamicFrame other, String transformationContext, CallSite callSite, long stageThreshold,
            long totalThreshold) {
        return dev.epoxy.glue.transforms.Union.apply(this, other,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /**
     * mergeDynamicFrame: the records of {@code staging} replace this frame's records with the same
     * values of the primary keys ({@code primaryKeysJson}); the other records of both are kept.
     */
    // Called from Python via py4j
    public DynamicFrame mergeDynamicFrames(DynamicFrame staging, String primaryKeysJson, String transformationContext,
            String optionsJson, CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.MergeDynamicFrame.apply(this, staging, primaryKeysJson,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** The frames of Relationalize, the root frame first. */
    // Called from Python via py4j
    public List<DynamicFrame> relationalize(String rootTableName, String stagingPath, String optionsJson,
            String transformationContext, CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.Relationalize.apply(this, rootTableName, stagingPath, optionsJson,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** The JVM half of Python {@code filter(f)}: see {@link dev.epoxy.glue.transforms.PythonRecords}. */
    // Called from Python via py4j
    public DynamicFrame pyFilterResult(Dataset<Row> withVerdict, String verdictColumn, String transformationContext,
            CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.PythonRecords.filterResult(this, withVerdict, verdictColumn,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** The JVM half of Python {@code map(f)}: see {@link dev.epoxy.glue.transforms.PythonRecords}. */
    // Called from Python via py4j
    public DynamicFrame pyMapResult(Dataset<Row> output, String transformationContext, CallSite callSite,
            long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.PythonRecords.mapResult(this, output,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** DynamoDB-export JSON: the fields of {@code Item} as top-level fields (see DynamoDbJson). */
    // Called from Python via py4j
    public DynamicFrame unnestDDBJson(String transformationContext, CallSite callSite, long stageThreshold, long totalThreshold) {
        return dev.epoxy.glue.transforms.DynamoDbJson.unnest(this,
                StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold));
    }

    /** DynamoDB JSON simplified recursively (see DynamoDbJson). */
    // Called from Python via py4j
    public DynamicFrame simplifyDDBJson() {
        return dev.epoxy.glue.transforms.DynamoDbJson.simplify(this, StageContext.none());
    }

    // ---- end of transforms ----------------------------------------------------------------------

    @Override
    public String toString() {
        return "DynamicFrame(" + name + ")";
    }
}
