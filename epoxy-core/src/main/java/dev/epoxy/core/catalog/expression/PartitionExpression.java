package dev.epoxy.core.catalog.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parsed GetPartitions {@code Expression}: the SQL-WHERE-like predicate over partition keys that AWS
 * documents (comparisons, AND, OR, NOT, parentheses, IN, BETWEEN, LIKE). Parse once, then
 * {@link #bind} it to a table's partition keys to evaluate it in memory or render it as SQL.
 */
public final class PartitionExpression {
    private final String text;
    private final Predicate predicate;

    private PartitionExpression(String text, Predicate predicate) {
        this.text = text;
        this.predicate = predicate;
    }

    /** Parses {@code text}; a malformed one fails with INVALID_INPUT naming the problem and its 1-based position. */
    public static PartitionExpression parse(String text) {
        requireNonNull(text, "text is null");
        return new PartitionExpression(text, ExpressionParser.parse(text));
    }

    public String text() {
        return text;
    }

    /**
     * Resolves key names (case-insensitively) and types literals by their key's type. Fails with
     * INVALID_INPUT for an unknown key, a key whose type cannot be compared, or a literal that is not
     * a value of its key's type.
     */
    public BoundExpression bind(List<PartitionKey> keys) {
        requireNonNull(keys, "keys is null");
        return new BoundExpression(predicate.bind(new KeyBinder(keys)), keys);
    }

    @Override
    public String toString() {
        return text;
    }
}
