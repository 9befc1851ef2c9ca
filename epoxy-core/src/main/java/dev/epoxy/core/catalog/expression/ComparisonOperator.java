package dev.epoxy.core.catalog.expression;

/** The six comparisons; {@code !=} is read as {@code <>}. */
enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">=");

    private final String sql;

    ComparisonOperator(String sql) {
        this.sql = sql;
    }

    static ComparisonOperator of(String text) {
        return switch (text) {
            case "=" -> EQUAL;
            case "<>", "!=" -> NOT_EQUAL;
            case "<" -> LESS_THAN;
            case "<=" -> LESS_THAN_OR_EQUAL;
            case ">" -> GREATER_THAN;
            case ">=" -> GREATER_THAN_OR_EQUAL;
            default -> throw new IllegalArgumentException("Not a comparison: " + text);
        };
    }

    String sql() {
        return sql;
    }

    boolean isOrdering() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    /** The operator that holds with the operands swapped: {@code 5 < k} is {@code k > 5}. */
    ComparisonOperator flipped() {
        return switch (this) {
            case EQUAL, NOT_EQUAL -> this;
            case LESS_THAN -> GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> LESS_THAN_OR_EQUAL;
        };
    }

    boolean holds(int comparison) {
        return switch (this) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_OR_EQUAL -> comparison <= 0;
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_OR_EQUAL -> comparison >= 0;
        };
    }
}
