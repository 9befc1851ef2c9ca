package dev.epoxy.glue.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.CallSite;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.ErrorRecords;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import dev.epoxy.glue.types.TypeMerger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Builds a frame from records that can disagree with each other: JSON lines, CSV-free text formats,
 * records coming back from Python functions. This is the only record-level pass of the runtime:
 *
 * <ol>
 *   <li>inference: every partition merges its records' types ({@link RecordTypes}, {@link
 *       TypeMerger}), the driver merges the partitions' results;
 *   <li>encoding: each record becomes a row of the encoded dataset ({@link RecordEncoder}), an
 *       error record becomes a row whose extra error column is set;
 *   <li>the rows are split into the frame's dataset and its stage error dataset.
 * </ol>
 *
 * The input RDD is evaluated twice (inference, then encoding when the frame is used); it must be
 * deterministic and cheap enough to recompute (a parse of text is).
 */
public final class RecordFrames {
    private static final String ERROR_MARKER = "__epoxy_error__";

    private RecordFrames() {}

    /** Infers the schema of the non-error records (empty struct when there are none). */
    public static StructType inferSchema(JavaRDD<ParsedRecord> records) {
        return records.mapPartitions(RecordFrames::mergePartition).fold(StructType.empty(), TypeMerger::merge);
    }

    private static Iterator<StructType> mergePartition(Iterator<ParsedRecord> records) {
        StructType merged = StructType.empty();
        while (records.hasNext()) {
            ParsedRecord record = records.next();
            if (!record.isError()) {
                StructType type = RecordTypes.recordType(record.value());
                merged = merged.equals(type) ? merged : TypeMerger.merge(merged, type);
            }
        }
        return List.of(merged).iterator();
    }

    /**
     * A frame over the records, with the schema inferred from them unless {@code knownSchema} is
     * given. Error records carry {@code callSite} and {@code source} (e.g. the input path).
     */
    public static DynamicFrame fromRecords(GlueContext glueContext, JavaRDD<ParsedRecord> records, Optional<StructType> knownSchema,
            String name, StageContext stage, String source) {
        StructType schema = knownSchema.orElseGet(() -> inferSchema(records));
        org.apache.spark.sql.types.StructType sparkSchema = SparkTypes.toSparkSchema(schema);
        String marker = ERROR_MARKER;
        while (schema.hasField(marker)) {
            marker = "_" + marker;
        }
        List<StructField> combinedFields = new ArrayList<>(List.of(sparkSchema.fields()));
        combinedFields.add(DataTypes.createStructField(marker, ErrorRecords.ERROR_STRUCT, true));
        CallSite callSite = stage.callSite();
        JavaRDD<Row> rows = records.map(record -> encode(record, schema, callSite, source));
        Dataset<Row> combined = glueContext.sparkSession().createDataFrame(rows, DataTypes.createStructType(combinedFields));
        Column errorColumn = combined.col(marker);
        Dataset<Row> data = combined.where(errorColumn.isNull()).drop(errorColumn);
        Dataset<Row> errors = combined.where(errorColumn.isNotNull()).select(errorColumn.as(ErrorRecords.ERROR_COLUMN));
        return DynamicFrame.fromSource(glueContext, data, Optional.of(errors), name, stage);
    }

    private static Row encode(ParsedRecord record, StructType schema, CallSite callSite, String source) {
        if (!record.isError()) {
            return RecordEncoder.encodeRecord(record.value(), schema, (Object) null);
        }
        Row error = ErrorRecords.errorStruct(callSite, record.errorMessage().get(), record.cause(), record.input(),
                record.source() == null ? source : record.source(),
                partialJson(record.value()));
        return RecordEncoder.nullRecord(schema, error);
    }

    private static String partialJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }
}
