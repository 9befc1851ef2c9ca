package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import dev.epoxy.spark.catalog.table.CatalogSchemas;
import dev.epoxy.spark.catalog.table.HiveStorageFormat;
import dev.epoxy.spark.catalog.table.TableFormats;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * A table Spark creates (CREATE TABLE, CTAS, saveAsTable), before it is registered in Glue.
 *
 * @param schema every column, partition columns included
 * @param partitionColumns the partition columns, in partitioning order
 * @param provider the Spark file source ({@code parquet}, {@code json}, …)
 * @param options the source options, kept as SerDe parameters where Glue has a spelling for them
 */
record TableDefinition(
        String database,
        String table,
        StructType schema,
        List<String> partitionColumns,
        String provider,
        Map<String, String> options,
        Optional<String> location,
        Optional<String> comment,
        boolean external) {
    TableDefinition {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(schema, "schema is null");
        partitionColumns = partitionColumns.stream().map(column -> column.toLowerCase(Locale.ROOT)).toList();
        requireNonNull(provider, "provider is null");
        options = Map.copyOf(options);
        requireNonNull(location, "location is null");
        requireNonNull(comment, "comment is null");
    }

    /** The data columns (not partition columns), in schema order. */
    StructType dataSchema() {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!partitionColumns.contains(field.name().toLowerCase(Locale.ROOT))) {
                fields.add(field);
            }
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** The partition columns as a schema, in partitioning order. */
    StructType partitionSchema() {
        List<StructField> fields = new ArrayList<>();
        for (String column : partitionColumns) {
            StructField field = null;
            for (StructField candidate : schema.fields()) {
                if (candidate.name().equalsIgnoreCase(column)) {
                    field = candidate;
                }
            }
            if (field == null) {
                throw new IllegalArgumentException("Partition column " + column + " is not a column of " + database + "." + table);
            }
            fields.add(field);
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    TableInput toTableInput(String tableLocation) {
        HiveStorageFormat storage = TableFormats.storageFormat(provider, options);
        Map<String, String> parameters = new HashMap<>(TableFormats.tableParameters(storage, options));
        if (external) {
            parameters.put("EXTERNAL", "TRUE");
        }
        TableInput.Builder input = TableInput.builder()
                .name(table)
                .tableType(external ? "EXTERNAL_TABLE" : "MANAGED_TABLE")
                .parameters(parameters)
                .partitionKeys(CatalogSchemas.toColumns(partitionSchema()))
                .storageDescriptor(TableFormats.storageDescriptor(storage).location(tableLocation)
                        .columns(CatalogSchemas.toColumns(dataSchema())).build());
        comment.ifPresent(input::description);
        return input.build();
    }
}
