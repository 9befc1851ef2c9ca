package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import dev.epoxy.spark.catalog.table.SparkTableFormat;
import software.amazon.awssdk.services.glue.model.Table;

/** What the {@link GlueCommand}s of {@link GlueCommandRule} do, against Glue through the session catalog. */
final class GlueTableCommands {
    private final GlueSessionCatalog catalog;
    private final GlueTableWrites writes;

    GlueTableCommands(GlueSessionCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.writes = new GlueTableWrites(catalog.glue());
    }

    /** CREATE TABLE … AS SELECT and {@code saveAsTable}: the data is written first, then the table registered. */
    List<Row> createTableAsSelect(SparkSession spark, CatalogTable desc, SaveMode mode, LogicalPlan query) {
        String database = database(spark, desc.identifier());
        String name = desc.identifier().table().toLowerCase(Locale.ROOT);
        Optional<Table> existing = catalog.glue().findTable(database, name);
        Dataset<Row> rows = Dataset.ofRows(spark, query);
        if (existing.isPresent()) {
            switch (mode) {
                case Ignore:
                    return List.of();
                case ErrorIfExists:
                    throw sneaky(new TableAlreadyExistsException(database, name));
                case Append:
                    GlueSparkTable table = new GlueSparkTable(catalog.glue(), existing.get());
                    List<String> columns = Arrays.asList(table.schema().fieldNames());
                    writes.insert(spark, table, GlueTableWrites.select(rows, columns).queryExecution().analyzed(),
                            GlueTableWrites.InsertMode.APPEND, Map.of());
                    return List.of();
                case Overwrite:
                    catalog.dropTable(org.apache.spark.sql.connector.catalog.Identifier.of(new String[] {database}, name));
                    break;
                default:
                    throw new IllegalArgumentException("Unknown save mode " + mode);
            }
        }
        TableDefinition definition = definition(desc, database, name, rows.schema());
        String location = location(definition);
        SparkTableFormat format = new SparkTableFormat(definition.provider(), definition.options());
        Dataset<Row> ordered = GlueTableWrites.select(rows, columnsInTableOrder(definition));
        GlueTableWrites.write(ordered, format, definition.partitionColumns(),
                mode == SaveMode.Overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists, location, false);
        register(definition, location);
        if (!definition.partitionColumns().isEmpty()) {
            writes.registerPartitions(spark, loadTable(database, name));
        }
        return List.of();
    }

    /** CREATE TABLE without a query; with a LOCATION and no columns, the schema is read from the files there. */
    List<Row> createTable(SparkSession spark, CatalogTable desc, SaveMode mode) {
        String database = database(spark, desc.identifier());
        String name = desc.identifier().table().toLowerCase(Locale.ROOT);
        if (catalog.glue().findTable(database, name).isPresent()) {
            if (mode == SaveMode.Ignore) {
                return List.of();
            }
            throw sneaky(new TableAlreadyExistsException(database, name));
        }
        StructType schema = desc.schema();
        TableDefinition draft = definition(desc, database, name, schema);
        if (schema.isEmpty() && draft.location().isPresent()) {
            // As Spark's own CREATE TABLE … LOCATION: the schema, and the key=value directories as partition
            // columns unless PARTITIONED BY names them; partitions are registered by MSCK REPAIR TABLE.
            Dataset<Row> files = spark.read().format(draft.provider()).options(draft.options()).load(draft.location().get());
            schema = files.schema();
            List<String> partitionColumns = draft.partitionColumns();
            if (partitionColumns.isEmpty()
                    && files.queryExecution().analyzed() instanceof org.apache.spark.sql.execution.datasources.LogicalRelation relation
                    && relation.relation() instanceof org.apache.spark.sql.execution.datasources.HadoopFsRelation fsRelation) {
                partitionColumns = Arrays.asList(fsRelation.partitionSchema().fieldNames());
            }
            draft = new TableDefinition(database, name, schema, partitionColumns, draft.provider(), draft.options(),
                    draft.location(), draft.comment(), draft.external());
        }
        register(draft, location(draft));
        return List.of();
    }

    List<Row> insert(SparkSession spark, GlueSparkTable table, LogicalPlan query, GlueTableWrites.InsertMode mode, Map<String, String> staticPartitions) {
        writes.insert(spark, table, query, mode, staticPartitions);
        return List.of();
    }

    /** MSCK REPAIR TABLE [ADD|DROP|SYNC PARTITIONS]. */
    List<Row> repair(SparkSession spark, GlueSparkTable table, boolean add, boolean drop) {
        if (table.partitionSchema().isEmpty()) {
            throw new IllegalArgumentException("MSCK REPAIR TABLE: table " + table.qualifiedName() + " is not partitioned");
        }
        if (drop) {
            writes.dropMissingPartitions(spark, table);
        }
        if (add) {
            writes.registerPartitions(spark, table);
        }
        return List.of();
    }

    private TableDefinition definition(CatalogTable desc, String database, String name, StructType schema) {
        CatalogStorageFormat storage = desc.storage();
        Map<String, String> options = new HashMap<>(JavaConverters.mapAsJavaMap(storage.properties()));
        options.remove("path");
        Optional<String> location = Optional.ofNullable(storage.locationUri().getOrElse(() -> null)).map(Object::toString);
        String provider = provider(desc, options);
        boolean external = location.isPresent() || desc.tableType().equals(CatalogTableType.EXTERNAL());
        List<String> partitionColumns = JavaConverters.seqAsJavaList(desc.partitionColumnNames());
        return new TableDefinition(database, name, schema, partitionColumns, provider, options, location,
                Optional.ofNullable(desc.comment().getOrElse(() -> null)), external);
    }

    /** Spark's provider; a Hive-format table ({@code USING hive}, {@code STORED AS}) maps to the matching file source. */
    private static String provider(CatalogTable desc, Map<String, String> options) {
        String provider = desc.provider().getOrElse(() -> "parquet").toLowerCase(Locale.ROOT);
        if (!provider.equals("hive")) {
            return provider;
        }
        String serde = desc.storage().serde().getOrElse(() -> "").toLowerCase(Locale.ROOT);
        if (serde.contains("parquet")) {
            return "parquet";
        }
        if (serde.contains("orc")) {
            return "orc";
        }
        if (serde.contains("avro")) {
            return "avro";
        }
        if (serde.contains("json")) {
            return "json";
        }
        // Hive's text format: LazySimpleSerDe with Ctrl-A between fields unless told otherwise.
        options.putIfAbsent("sep", options.getOrDefault("field.delim", "\u0001"));
        options.remove("field.delim");
        options.remove("serialization.format");
        return "csv";
    }

    private static List<String> columnsInTableOrder(TableDefinition definition) {
        List<String> columns = new ArrayList<>(Arrays.asList(definition.dataSchema().fieldNames()));
        columns.addAll(Arrays.asList(definition.partitionSchema().fieldNames()));
        return columns;
    }

    private String location(TableDefinition definition) {
        try {
            return catalog.locationFor(definition);
        } catch (NoSuchNamespaceException e) {
            throw sneaky(e);
        }
    }

    private void register(TableDefinition definition, String location) {
        try {
            catalog.registerTable(definition, location);
        } catch (TableAlreadyExistsException e) {
            throw sneaky(e);
        }
    }

    private GlueSparkTable loadTable(String database, String name) {
        return new GlueSparkTable(catalog.glue(), catalog.glue().findTable(database, name)
                .orElseThrow(() -> new IllegalStateException("Table " + database + "." + name + " vanished after it was created")));
    }

    private static String database(SparkSession spark, TableIdentifier identifier) {
        return identifier.database().getOrElse(() -> spark.sessionState().catalogManager().currentNamespace()[0])
                .toLowerCase(Locale.ROOT);
    }

    /** Spark's analysis errors are checked in Java; they reach the user as the statement's error either way. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
