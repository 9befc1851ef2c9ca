package dev.epoxy.core.catalog.expression;

/**
 * The databases the partition store runs on. They differ in one way that matters here: H2 orders
 * strings by UTF-16 code units (like {@link String#compareTo}), while PostgreSQL orders by the
 * database's locale unless told {@code COLLATE "C"}, and H2 does not accept a COLLATE clause.
 */
public enum SqlDialect {
    H2 {
        @Override
        String orderedText(String column) {
            return column;
        }
    },
    POSTGRESQL {
        @Override
        String orderedText(String column) {
            return column + " COLLATE \"C\"";
        }
    };

    /** The column as an operand of {@code <, <=, >, >=} with byte-wise (code point) ordering. */
    abstract String orderedText(String column);
}
