package dev.epoxy.core.catalog.expression;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;

/** An Expression bound to one table's partition keys: evaluate it in memory, or render it as SQL over the store's value rows. */
public final class BoundExpression {
    private final BoundPredicate predicate;
    private final List<PartitionKey> keys;
    private final SortedSet<Integer> referencedKeys;

    BoundExpression(BoundPredicate predicate, List<PartitionKey> keys) {
        this.predicate = requireNonNull(predicate, "predicate is null");
        this.keys = List.copyOf(keys);
        SortedSet<Integer> referenced = new TreeSet<>();
        predicate.collectKeys(referenced);
        this.referencedKeys = Collections.unmodifiableSortedSet(referenced);
    }

    /** Whether a partition with these values (in key order) matches. */
    public boolean test(List<String> values) {
        requireNonNull(values, "values is null");
        checkInput(values.size() == keys.size(), "Expected %s partition values but got %s", keys.size(), values.size());
        List<TypedValue> typed = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            typed.add(TypedValue.of(keys.get(i).type(), values.get(i)));
        }
        return predicate.test(typed);
    }

    /** Indexes (0-based, ascending) of the partition keys the Expression compares: the store joins one value row for each. */
    public Set<Integer> referencedKeys() {
        return referencedKeys;
    }

    /**
     * The predicate as SQL over {@code catalog_partition_values} rows: for key {@code i} it reads
     * {@code <aliasOfKey(i)>.value_text} and {@code <aliasOfKey(i)>.value_number}. Literals are bind parameters only
     * ({@link String} for text, {@link java.math.BigDecimal} for numbers).
     */
    public SqlPredicate toSql(IntFunction<String> aliasOfKey, SqlDialect dialect) {
        requireNonNull(aliasOfKey, "aliasOfKey is null");
        requireNonNull(dialect, "dialect is null");
        SqlWriter writer = new SqlWriter(aliasOfKey, dialect);
        predicate.appendSql(writer);
        return writer.toPredicate();
    }
}
