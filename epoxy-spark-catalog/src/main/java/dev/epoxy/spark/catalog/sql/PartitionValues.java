package dev.epoxy.spark.catalog.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/** Glue partition values (strings, in key order) as Spark partition rows typed by the partition schema, and back. */
final class PartitionValues {
    /** Hive's spelling of a null partition value, in paths and in the catalog. */
    static final String DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

    private PartitionValues() {}

    static InternalRow toRow(List<String> values, StructType partitionSchema) {
        StructField[] fields = partitionSchema.fields();
        if (values.size() != fields.length) {
            throw new IllegalArgumentException("Partition values " + values + " do not match the partition keys "
                    + List.of(partitionSchema.fieldNames()));
        }
        Object[] row = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            row[i] = typed(values.get(i), fields[i].dataType());
        }
        return new GenericInternalRow(row);
    }

    static List<String> toStrings(InternalRow row, StructType partitionSchema) {
        StructField[] fields = partitionSchema.fields();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (row.isNullAt(i)) {
                values.add(DEFAULT_PARTITION_NAME);
                continue;
            }
            DataType type = fields[i].dataType();
            Object value = new Cast(new BoundReference(i, type, true), DataTypes.StringType, Option.apply("UTC"), EvalMode.LEGACY()).eval(row);
            values.add(value.toString());
        }
        return List.copyOf(values);
    }

    /** The Hive-style path of a partition under its table, {@code year=2026/month=02}. */
    static String relativePath(List<String> values, StructType partitionSchema) {
        StringBuilder path = new StringBuilder();
        String[] names = partitionSchema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                path.append('/');
            }
            path.append(ExternalCatalogUtils.getPartitionPathString(names[i], values.get(i)));
        }
        return path.toString();
    }

    private static Object typed(String value, DataType type) {
        if (value == null || value.equals(DEFAULT_PARTITION_NAME)) {
            return null;
        }
        if (type.equals(DataTypes.StringType)) {
            return UTF8String.fromString(value);
        }
        Object typed = new Cast(Literal.create(value, DataTypes.StringType), type, Option.apply("UTC"), EvalMode.LEGACY()).eval(null);
        if (typed == null) {
            throw new IllegalArgumentException("Partition value '" + value + "' is not a " + type.catalogString());
        }
        return typed;
    }
}
