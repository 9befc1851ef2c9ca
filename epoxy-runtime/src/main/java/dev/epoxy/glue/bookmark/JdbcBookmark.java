package dev.epoxy.glue.bookmark;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.GlueRuntimeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state of a JDBC source bookmarked on {@code jobBookmarkKeys} (AWS: strictly increasing, or with
 * {@code jobBookmarkKeysSortOrder} {@code desc} strictly decreasing, gaps allowed): the key values of the
 * last row read. The next run reads the rows after that tuple in key order, which {@link #whereClause()}
 * expresses in SQL; {@code dev.epoxy.glue.jdbc.JdbcBookmarkedRead} applies it to JDBC sources.
 *
 * @param keys the key columns, in order (plain SQL identifiers: AWS does not support case-sensitive keys)
 * @param sortOrder the keys' direction
 * @param lastValues the key values of the last row read, one per key (numbers, strings or booleans); empty
 *     before the first committed run
 */
public record JdbcBookmark(List<String> keys, SortOrder sortOrder, Optional<List<Object>> lastValues) implements SourceBookmark {
    public static final String KIND = "jdbc";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** {@code jobBookmarkKeysSortOrder}. */
    public enum SortOrder {
        ASC("asc", ">"),
        DESC("desc", "<");

        private final String option;
        private final String after;

        SortOrder(String option, String after) {
            this.option = option;
            this.after = after;
        }

        /** The option value, {@code asc} or {@code desc}. */
        public String option() {
            return option;
        }

        /**
         * The order of {@code jobBookmarkKeysSortOrder} (case-insensitive; blank is {@code asc}).
         *
         * @throws GlueRuntimeException INVALID_INPUT for anything else
         */
        public static SortOrder fromOption(String value) {
            if (value == null || value.isBlank()) {
                return ASC;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "asc" -> ASC;
                case "desc" -> DESC;
                default -> throw GlueRuntimeException.invalidInput("Invalid jobBookmarkKeysSortOrder: %s; use asc or desc", value);
            };
        }
    }

    public JdbcBookmark {
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        requireNonNull(sortOrder, "sortOrder is null");
        lastValues = requireNonNull(lastValues, "lastValues is null").map(List::copyOf);
        checkInput(!keys.isEmpty(), "jobBookmarkKeys must name at least one column");
        for (String key : keys) {
            checkInput(IDENTIFIER.matcher(key).matches(), "Invalid jobBookmarkKeys column: %s; use a plain column name", key);
        }
        if (lastValues.isPresent()) {
            checkInput(lastValues.get().size() == keys.size(), "A JDBC bookmark on %s needs %s values, got %s", keys, keys.size(),
                    lastValues.get());
            for (Object value : lastValues.get()) {
                checkInput(value instanceof Number || value instanceof String || value instanceof Boolean,
                        "A JDBC bookmark value must be a number, a string or a boolean, got %s", value);
            }
        }
    }

    /** A bookmark on {@code keys} before the first run: everything is new. */
    public static JdbcBookmark initial(List<String> keys, SortOrder sortOrder) {
        return new JdbcBookmark(keys, sortOrder, Optional.empty());
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * The SQL condition selecting the rows after the last one read: for keys {@code (a, b)} ascending,
     * {@code (a > 1) OR (a = 1 AND b > 'x')} (a row-value comparison spelled out, since not every database
     * has one); empty before the first run.
     */
    public Optional<String> whereClause() {
        if (lastValues.isEmpty()) {
            return Optional.empty();
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            StringBuilder alternative = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                alternative.append(keys.get(j)).append(" = ").append(literal(lastValues.get().get(j))).append(" AND ");
            }
            alternative.append(keys.get(i)).append(' ').append(sortOrder.after).append(' ').append(literal(lastValues.get().get(i)))
                    .append(')');
            alternatives.add(alternative.toString());
        }
        return Optional.of(String.join(" OR ", alternatives));
    }

    /** The key columns with their direction, for an {@code ORDER BY} that puts the last row read last. */
    public String orderBy() {
        List<String> terms = new ArrayList<>();
        for (String key : keys) {
            terms.add(key + " " + sortOrder.option().toUpperCase(Locale.ROOT));
        }
        return String.join(", ", terms);
    }

    /**
     * The state after reading a row with these key values: the values become the last ones when they come
     * after the current ones in key order (or there are none yet).
     *
     * @throws GlueRuntimeException INVALID_INPUT for a wrong number of values or values of another type than
     *     the stored ones
     */
    public JdbcBookmark advancedTo(List<Object> rowKeys) {
        JdbcBookmark candidate = new JdbcBookmark(keys, sortOrder, Optional.of(rowKeys));
        if (lastValues.isEmpty() || compare(rowKeys, lastValues.get()) * (sortOrder == SortOrder.ASC ? 1 : -1) > 0) {
            return candidate;
        }
        return this;
    }

    private int compare(List<Object> left, List<Object> right) {
        for (int i = 0; i < keys.size(); i++) {
            int result = compareValues(keys.get(i), left.get(i), right.get(i));
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    private static int compareValues(String key, Object left, Object right) {
        if (left instanceof Number l && right instanceof Number r) {
            return new BigDecimal(l.toString()).compareTo(new BigDecimal(r.toString()));
        }
        if (left instanceof String l && right instanceof String r) {
            return l.compareTo(r);
        }
        if (left instanceof Boolean l && right instanceof Boolean r) {
            return l.compareTo(r);
        }
        throw GlueRuntimeException.invalidInput("Cannot compare bookmark values of key %s: %s and %s", key, left, right);
    }

    private static String literal(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).toPlainString();
        }
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        return "'" + ((String) value).replace("'", "''") + "'";
    }
}
