package dev.epoxy.glue.transforms;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import dev.epoxy.glue.types.TypeMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Union: all records of both frames, matched by field name; the schema is Glue's merge of both
 * schemas, so fields whose types differ become choices (unlike a positional DataFrame union).
 */
public final class Union {
    private Union() {}

    public static DynamicFrame apply(DynamicFrame left, DynamicFrame right, StageContext stage) {
        Dataset<Row> union = union(left.dataset(), left.schema(), right.dataset(), right.schema());
        return left.deriveWith(right, union, Optional.empty(), left.name(), stage);
    }

    /** Both datasets re-encoded in the merged schema, then concatenated. */
    static Dataset<Row> union(Dataset<Row> left, StructType leftSchema, Dataset<Row> right, StructType rightSchema) {
        StructType merged = TypeMerger.merge(leftSchema, rightSchema);
        return conform(left, leftSchema, merged).union(conform(right, rightSchema, merged));
    }

    /** A dataset of one schema re-encoded in a wider schema. */
    static Dataset<Row> conform(Dataset<Row> dataset, StructType schema, StructType target) {
        List<Column> columns = new ArrayList<>();
        for (Field field : target.fields()) {
            Optional<Field> source = schema.field(field.name());
            GlueType type = field.type();
            Column value = source.isEmpty()
                    ? functions.lit(null).cast(SparkTypes.toSpark(type))
                    : Conform.conform(dataset.col(DynamicFrame.quote(field.name())), source.get().type(), type);
            columns.add(value.as(field.name(), SparkTypes.metadataFor(type)));
        }
        return dataset.select(columns.toArray(new Column[0]));
    }
}
