package dev.epoxy.glue.transforms;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.SchemaJson;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;

/** A field while a transform rebuilds a struct level: its name, its value and its Glue type. */
public record NamedColumn(String name, Column value, GlueType type) {
    public NamedColumn {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(type, "type is null");
    }

    public NamedColumn withName(String newName) {
        return new NamedColumn(newName, value, type);
    }

    /** The top-level columns of a frame. */
    public static List<NamedColumn> columnsOf(DynamicFrame frame) {
        Dataset<Row> dataset = frame.dataset();
        List<NamedColumn> columns = new ArrayList<>();
        for (Field field : frame.schema().fields()) {
            columns.add(new NamedColumn(field.name(), dataset.col(DynamicFrame.quote(field.name())), field.type()));
        }
        return columns;
    }

    /** The fields of a struct value. */
    public static List<NamedColumn> fieldsOf(Column struct, StructType type) {
        List<NamedColumn> fields = new ArrayList<>();
        for (Field field : type.fields()) {
            fields.add(new NamedColumn(field.name(), struct.getField(field.name()), field.type()));
        }
        return fields;
    }

    /** The Glue struct type of these fields. */
    public static StructType structType(List<NamedColumn> fields) {
        return new StructType(fields.stream().map(field -> new Field(field.name(), field.type())).toList());
    }

    /** A struct value of these fields that stays null when {@code original} is null. */
    public static Column struct(List<NamedColumn> fields, Column original) {
        Column[] values = fields.stream().map(field -> field.value().as(field.name())).toArray(Column[]::new);
        Column built = functions.struct(values);
        return original == null ? built : functions.when(original.isNull(), functions.lit(null)).otherwise(built);
    }

    /** The top-level projection of these columns, with the Glue metadata their types need. */
    public static Dataset<Row> select(Dataset<Row> dataset, List<NamedColumn> columns) {
        Column[] projection = columns.stream()
                .map(column -> column.value().as(column.name(), metadata(column.type())))
                .toArray(Column[]::new);
        return dataset.select(projection);
    }

    /**
     * The column metadata for a Glue type. Spark ignores an explicitly empty metadata and inherits
     * the source column's, so a struct that used to be a choice (make_struct: same Spark type) would
     * stay a choice: complex types therefore always state their Glue type.
     */
    public static Metadata metadata(GlueType type) {
        if (type.needsGlueMetadata() || !(type instanceof dev.epoxy.glue.types.AtomicType || type instanceof dev.epoxy.glue.types.DecimalType)) {
            return new MetadataBuilder().putString(SparkTypes.GLUE_TYPE_KEY, SchemaJson.toJson(type)).build();
        }
        return Metadata.empty();
    }
}
