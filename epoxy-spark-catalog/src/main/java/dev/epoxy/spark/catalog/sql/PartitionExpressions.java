package dev.epoxy.spark.catalog.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructType;

/**
 * Glue GetPartitions expressions for partition specs ({@code PARTITION (year='2026')}), so that SHOW
 * PARTITIONS and writes ask the catalog for the partitions they touch only. (Query filters are translated by
 * the read package's file index.)
 */
final class PartitionExpressions {
    private PartitionExpressions() {}

    /** {@code a = 'x' AND b = 'y'} for the given keys and values; empty when there are none or a value cannot be quoted. */
    static Optional<String> equalities(List<String> names, List<String> values, StructType partitionSchema) {
        List<String> conjuncts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            DataType type = partitionSchema.apply(names.get(i)).dataType();
            Optional<String> literal = literal(values.get(i), type);
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            conjuncts.add(names.get(i).toLowerCase(Locale.ROOT) + " = " + literal.get());
        }
        return conjuncts.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", conjuncts));
    }

    private static Optional<String> literal(String value, DataType type) {
        if (value == null || value.equals(PartitionValues.DEFAULT_PARTITION_NAME)) {
            return Optional.empty();
        }
        if (type.equals(DataTypes.StringType)) {
            // Glue's grammar has no escape for a quote inside a string literal: such a spec is filtered here instead.
            return value.contains("'") ? Optional.empty() : Optional.of("'" + value + "'");
        }
        if (type instanceof IntegralType) {
            return Optional.of(value);
        }
        return Optional.empty();
    }
}
