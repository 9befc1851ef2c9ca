package dev.epoxy.glue.catalog;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.io.S3Writer;
import dev.epoxy.glue.jdbc.JdbcCatalogTables;
import dev.epoxy.glue.jdbc.JdbcOptions;
import dev.epoxy.glue.jdbc.JdbcWriter;
import dev.epoxy.spark.catalog.table.CatalogTables;
import dev.epoxy.spark.catalog.table.SparkTableFormat;
import dev.epoxy.spark.catalog.table.TableFormats;
import dev.epoxy.spark.catalog.write.CatalogWrites;
import dev.epoxy.spark.catalog.write.UpdateBehavior;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Catalog-backed writes. {@link #writeToTable} is {@code write_dynamic_frame.from_catalog}: location,
 * format and partition keys come from the table, and the partitions the write creates are registered.
 * {@link #updateAfterWrite} is the catalog half of an S3 sink with {@code enableUpdateCatalog} and
 * {@code setCatalogInfo}: create the table if needed, update its schema per {@code updateBehavior}, add
 * the new partitions.
 */
public final class CatalogSink {
    private final GlueContext glueContext;
    private final Optional<String> catalogId;
    private final String database;
    private final String table;

    public CatalogSink(GlueContext glueContext, Optional<String> catalogId, String database, String table) {
        this.glueContext = requireNonNull(glueContext, "glueContext is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.database = requireNonNull(database, "database is null");
        this.table = requireNonNull(table, "table is null");
    }

    /** Writes {@code frame} into the table's location in the table's format; {@code options} are the additional options. */
    public void writeToTable(DynamicFrame frame, JsonOptions options) {
        CatalogAccess.translated(() -> {
            GlueClient glue = glueContext.catalog().glue();
            Table target = CatalogTables.loadTable(glue, catalogId, database, table);
            Optional<JdbcCatalogTables> jdbc = JdbcCatalogTables.of(target);
            if (jdbc.isPresent()) {
                JsonOptions jdbcOptions = jdbc.get().options(options);
                JdbcWriter.write(frame, JdbcOptions.connection(jdbc.get().connectionType(), jdbcOptions, glueContext.connections(),
                        catalogId), jdbcOptions);
                return null;
            }
            String location = Optional.ofNullable(target.storageDescriptor()).map(descriptor -> descriptor.location())
                    .filter(value -> !value.isBlank())
                    .orElseThrow(() -> GlueRuntimeException.invalidInput("Cannot write to table %s.%s: it has no location",
                            database, table));
            List<String> keys = CatalogWrites.partitionKeyNames(target);
            List<String> requested = options.getStringList("partitionKeys");
            if (!requested.isEmpty() && !requested.equals(keys)) {
                throw GlueRuntimeException.invalidInput("partitionKeys %s do not match the partition keys %s of table %s.%s",
                        requested, keys, database, table);
            }
            SparkTableFormat format = TableFormats.readFormat(target);
            JsonOptions connection = JsonOptions.empty().with("path", location);
            connection = withList(connection, "partitionKeys", keys);
            Optional<String> compression = options.getString("compression");
            if (compression.isPresent()) {
                connection = connection.with("compression", compression.get());
            }
            StructType written = S3Writer.write(frame, "s3", connection, format.name(), CatalogFormats.runtimeOptions(format));
            Table current = target;
            if (options.getBoolean("enableUpdateCatalog", false)) {
                current = CatalogWrites.updateSchema(glue, catalogId, target, written,
                        UpdateBehavior.parse(options.getString("updateBehavior", "")));
            }
            CatalogWrites.registerNewPartitions(glue, catalogId, current, hadoopConf());
            return null;
        });
    }

    /**
     * After an S3 sink wrote {@code written} (its Spark schema) to {@code path} in {@code format}, brings the
     * table up to date.
     */
    public void updateAfterWrite(String path, String format, JsonOptions formatOptions, StructType written,
            List<String> partitionKeys, UpdateBehavior behavior) {
        CatalogAccess.translated(() -> {
            GlueClient glue = glueContext.catalog().glue();
            Optional<Table> before = CatalogTables.findTable(glue, catalogId, database, table);
            Table target = CatalogWrites.ensureTable(glue, catalogId, database, table, path, CatalogFormats.sparkFormat(format),
                    CatalogFormats.sparkOptions(format, formatOptions), written, partitionKeys);
            if (before.isPresent()) {
                target = CatalogWrites.updateSchema(glue, catalogId, target, written, behavior);
            }
            CatalogWrites.registerNewPartitions(glue, catalogId, target, hadoopConf());
            return null;
        });
    }

    private org.apache.hadoop.conf.Configuration hadoopConf() {
        return glueContext.sparkSession().sparkContext().hadoopConfiguration();
    }

    private static JsonOptions withList(JsonOptions options, String key, List<String> values) {
        StringBuilder json = new StringBuilder("{\"").append(key).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        json.append("]}");
        return options.merge(JsonOptions.parse(json.toString()));
    }
}
