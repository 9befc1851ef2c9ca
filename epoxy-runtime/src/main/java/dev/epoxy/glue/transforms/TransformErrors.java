package dev.epoxy.glue.transforms;

import dev.epoxy.glue.CallSite;
import dev.epoxy.glue.ErrorRecords;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;

/** Error records built by Catalyst expressions (shape {@link ErrorRecords#SCHEMA}). */
final class TransformErrors {
    private TransformErrors() {}

    /** The {@code error} column for the rows of {@code dataset}: {@code message} and the record as JSON. */
    static Column errorColumn(Dataset<Row> dataset, StructType schema, CallSite callSite, Column message) {
        Column record = recordJson(dataset, schema);
        Column error = functions.struct(
                functions.struct(functions.lit(callSite.site()).as("site"), functions.lit(callSite.info()).as("info")).as("callsite"),
                message.as("msg"),
                functions.lit("").as("stackTrace"),
                record.as("input"),
                functions.length(record).cast(DataTypes.LongType).as("bytesread"),
                functions.lit(null).cast(DataTypes.StringType).as("source"),
                record.as("dynamicRecord"));
        return error.cast(ErrorRecords.ERROR_STRUCT).as(ErrorRecords.ERROR_COLUMN);
    }

    /** The whole record as JSON text (null-typed columns left out). */
    static Column recordJson(Dataset<Row> dataset, StructType schema) {
        List<Column> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            Column column = dataset.col(dev.epoxy.glue.DynamicFrame.quote(field.name()));
            if (!(dataset.schema().apply(field.name()).dataType() instanceof NullType)) {
                fields.add(column.as(field.name()));
            }
        }
        if (fields.isEmpty()) {
            return functions.lit("{}");
        }
        return functions.to_json(functions.struct(fields.toArray(new Column[0])));
    }
}
