package dev.epoxy.spark.catalog.table;

import static dev.epoxy.spark.catalog.CatalogException.invalidInput;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.util.CharVarcharUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Glue columns (Hive type strings such as {@code bigint}, {@code decimal(10,2)}, {@code
 * array<struct<a:int>>}) as Spark schemas and back, through Spark's own type parser and {@code
 * catalogString}, so that both sides agree with Hive's spelling. {@code char}/{@code varchar} read as
 * strings, as Spark's Hive tables do.
 */
public final class CatalogSchemas {
    private static final String COMMENT = "comment";

    private CatalogSchemas() {}

    /** The table's data columns (StorageDescriptor Columns), without the partition keys. */
    public static StructType dataSchema(Table table) {
        requireNonNull(table, "table is null");
        StorageDescriptor descriptor = table.storageDescriptor();
        List<Column> columns = descriptor != null && descriptor.hasColumns() ? descriptor.columns() : List.of();
        return toSparkSchema(TableFormats.tableName(table), columns);
    }

    /** The table's partition keys as a schema, in key order; empty for an unpartitioned table. */
    public static StructType partitionSchema(Table table) {
        requireNonNull(table, "table is null");
        return toSparkSchema(TableFormats.tableName(table), table.hasPartitionKeys() ? table.partitionKeys() : List.of());
    }

    /** The data columns followed by the partition keys: what a read of the table returns. */
    public static StructType tableSchema(Table table) {
        StructType schema = dataSchema(table);
        for (StructField field : partitionSchema(table).fields()) {
            if (schema.getFieldIndex(field.name()).isEmpty()) {
                schema = schema.add(field);
            }
        }
        return schema;
    }

    /**
     * Columns parsed as Spark fields (nullable, the column's comment kept as Spark's {@code comment}).
     *
     * @throws dev.epoxy.spark.catalog.CatalogException INVALID_INPUT naming the table, column and type
     *     when a type is not a Hive type
     */
    public static StructType toSparkSchema(String tableName, List<Column> columns) {
        List<StructField> fields = new ArrayList<>();
        for (Column column : columns) {
            DataType type = parseType(tableName, column.name(), Optional.ofNullable(column.type()).orElse(""));
            Metadata metadata = column.comment() == null ? Metadata.empty()
                    : new MetadataBuilder().putString(COMMENT, column.comment()).build();
            fields.add(new StructField(column.name(), type, true, metadata));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    /** Spark fields as Glue columns with Hive type strings ({@code catalogString}). */
    public static List<Column> toColumns(StructType schema) {
        requireNonNull(schema, "schema is null");
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            Column.Builder column = Column.builder().name(field.name()).type(hiveType(field.dataType()));
            if (field.metadata().contains(COMMENT)) {
                column.comment(field.metadata().getString(COMMENT));
            }
            columns.add(column.build());
        }
        return List.copyOf(columns);
    }

    /** The Hive spelling of a Spark type, e.g. {@code struct<a:int,b:array<string>>}. */
    public static String hiveType(DataType type) {
        return requireNonNull(type, "type is null").catalogString();
    }

    /** A Hive type string as a Spark type; char/varchar become string. */
    public static DataType parseType(String tableName, String columnName, String hiveType) {
        try {
            return CharVarcharUtils.replaceCharVarcharWithString(CatalystSqlParser$.MODULE$.parseDataType(hiveType));
        } catch (Exception e) {
            // Spark's ParseException is checked in Java's eyes.
            throw invalidInput("Table %s: column %s has type '%s', which is not a Hive type", tableName, columnName, hiveType);
        }
    }
}
