package dev.epoxy.core.statement;

/**
 * How much of a history one page may hold: at most {@code maxStatements} statements whose code and
 * output together have at most {@code maxChars} characters, except that a page always holds at
 * least one statement, however large.
 */
public record PageLimit(int maxStatements, long maxChars) {
    public PageLimit {
        if (maxStatements < 1) {
            throw new IllegalArgumentException("maxStatements must be positive: " + maxStatements);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
    }
}
