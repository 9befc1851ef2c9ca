package dev.epoxy.glue.jdbc;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.JsonOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Glue's parallel JDBC reads: {@code hashfield} (a column of any type, hashed by the database) or {@code
 * hashexpression} (a whole-number SQL expression) split the rows over {@code hashpartitions} (default 7) disjoint
 * WHERE conditions, one query per partition, every row in exactly one of them.
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
     * table's schema, quoted); the expression, when given, wins as on Glue. A whole-number hash field is split by its
     * own remainder, as a hash expression is: the database need not turn each value into text and hash it in every one
     * of the queries (each of which reads the whole table). One partition is no split at all: every row is in it.
     */
    public List<String> predicates(JdbcVendor vendor, Optional<String> quotedField, boolean wholeNumberField) {
        if (partitions == 1) {
            return List.of("1 = 1");
        }
        List<String> predicates = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            if (hashExpression.isPresent()) {
                predicates.add(vendor.hashExpressionPredicate(hashExpression.get(), partition, partitions));
            } else if (wholeNumberField) {
                predicates.add(vendor.hashExpressionPredicate(quotedField.orElseThrow(), partition, partitions));
            } else {
                predicates.add(vendor.hashFieldPredicate(quotedField.orElseThrow(), partition, partitions));
            }
        }
        return predicates;
    }
}
