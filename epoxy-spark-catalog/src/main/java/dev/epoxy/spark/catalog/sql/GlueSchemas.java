package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.util.CharVarcharUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.Column;

/** Glue columns (Hive type strings) to Spark fields and back. */
final class GlueSchemas {
    private static final String COMMENT = "comment";

    private GlueSchemas() {}

    /** The Spark schema of Glue columns; Hive's char/varchar read as strings, as Spark's Hive catalog does. */
    static StructType toSparkSchema(List<Column> columns) {
        requireNonNull(columns, "columns is null");
        List<StructField> fields = new ArrayList<>();
        for (Column column : columns) {
            fields.add(toSparkField(column));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    static StructField toSparkField(Column column) {
        DataType type = parseType(column.name(), column.type());
        Metadata metadata = column.comment() == null
                ? Metadata.empty()
                : new MetadataBuilder().putString(COMMENT, column.comment()).build();
        return new StructField(column.name(), type, true, metadata);
    }

    /** Glue columns of Spark fields, with Hive type names ({@code bigint}, {@code struct<a:int>}). */
    static List<Column> toGlueColumns(StructType schema) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            Column.Builder column = Column.builder().name(field.name().toLowerCase(java.util.Locale.ROOT))
                    .type(field.dataType().catalogString());
            if (field.metadata().contains(COMMENT)) {
                column.comment(field.metadata().getString(COMMENT));
            }
            columns.add(column.build());
        }
        return List.copyOf(columns);
    }

    private static DataType parseType(String column, String hiveType) {
        if (hiveType == null || hiveType.isBlank()) {
            throw new IllegalArgumentException("Column " + column + " has no type in the Glue Data Catalog");
        }
        try {
            return CharVarcharUtils.replaceCharVarcharWithString(DataType.fromDDL(hiveType));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Column " + column + " has a type Spark cannot read: " + hiveType, e);
        }
    }
}
