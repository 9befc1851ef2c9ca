package dev.epoxy.glue.jdbc;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.JsonOptions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Glue's parallel JDBC reads: {@code hashfield} (a column of any type, hashed by the database) or {@code
 * hashexpression} (a whole-number SQL expression) split the rows over {@code hashpartitions} (default 7) disjoint
 * WHERE conditions, one query per partition, every row in exactly one of them. A whole-number {@code hashfield} is split
 * into ranges of its values instead ({@link #rangePredicates}).
 */
public record HashPartitions(Optional<String> hashField, Optional<String> hashExpression, int partitions) {
    /** Glue's default number of parallel reads once a hash field or expression is set. */
    public static final int DEFAULT_PARTITIONS = 7;

    public static HashPartitions of(JsonOptions options) {
        Optional<String> field = options.getString("hashfield").filter(value -> !value.isBlank());
        Optional<String> expression = options.getString("hashexpression").filter(value -> !value.isBlank());
        long partitions = options.getLong("hashpartitions", DEFAULT_PARTITIONS);
        checkInput(partitions >= 1 && partitions <= 10_000, "hashpartitions must be between 1 and 10000: %s", partitions);
        return new HashPartitions(field, expression, (int) partitions);
    }

    /** Whether a hash field or expression is set (and so the read is split). */
    public boolean isSplit() {
        return hashField.isPresent() || hashExpression.isPresent();
    }

    /**
     * One condition per partition. {@code quotedField} is the hash field as the database spells it (the column of the
     * table's schema, quoted); the expression, when given, wins as on Glue. One partition is no split at all: every
     * row is in it.
     */
    public List<String> predicates(JdbcVendor vendor, Optional<String> quotedField) {
        if (partitions == 1) {
            return List.of("1 = 1");
        }
        List<String> predicates = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            if (hashExpression.isPresent()) {
                predicates.add(vendor.hashExpressionPredicate(hashExpression.get(), partition, partitions));
            } else {
                predicates.add(vendor.hashFieldPredicate(quotedField.orElseThrow(), partition, partitions));
            }
        }
        return predicates;
    }

    /**
     * One condition per partition for a whole-number hash field whose values lie between {@code min} and {@code max}:
     * equal ranges, as Spark's {@code partitionColumn} splits. Hashing such a field would make the database compute a
     * hash of every row in each of the queries, each of which then reads the whole table; a range condition is cheap and
     * can use an index. The first range is open below (and takes NULLs), the last open above, so rows written after the
     * bounds were read still land in exactly one partition.
     */
    public List<String> rangePredicates(String quotedField, long min, long max) {
        if (partitions == 1) {
            return List.of("1 = 1");
        }
        BigInteger span = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE).max(BigInteger.ONE);
        BigInteger count = BigInteger.valueOf(partitions);
        BigInteger stride = span.add(count).subtract(BigInteger.ONE).divide(count);
        List<String> predicates = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            BigInteger low = BigInteger.valueOf(min).add(stride.multiply(BigInteger.valueOf(partition)));
            BigInteger high = low.add(stride);
            if (partition == 0) {
                predicates.add("(" + quotedField + " < " + high + " OR " + quotedField + " IS NULL)");
            } else if (partition == partitions - 1) {
                predicates.add("(" + quotedField + " >= " + low + ")");
            } else {
                predicates.add("(" + quotedField + " >= " + low + " AND " + quotedField + " < " + high + ")");
            }
        }
        return predicates;
    }
}
