package dev.epoxy.core.statement;

/**
 * How much of a history one page may hold: at most {@code maxStatements} statements whose code and
 * output together measure at most {@code maxBytes} by {@link #sizeOf}, except that a page always
 * holds at least one statement, however large.
 */
public record PageLimit(int maxStatements, long maxBytes) {
    public PageLimit {
        if (maxStatements < 1) {
            throw new IllegalArgumentException("maxStatements must be positive: " + maxStatements);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }

    /**
     * An upper bound of the bytes the statement's strings take in a JSON response: UTF-8, with
     * quotes, backslashes and control characters escaped (a control character as {@code \}{@code uXXXX}).
     * A megabyte of control characters is six on the wire, so counting characters would not bound
     * a response.
     */
    public static long sizeOf(Statement statement) {
        long size = jsonBytes(statement.code());
        if (statement.output().isPresent()) {
            StatementOutput output = statement.output().get();
            size += output.textPlain().map(PageLimit::jsonBytes).orElse(0L);
            size += output.errorName().map(PageLimit::jsonBytes).orElse(0L);
            size += output.errorValue().map(PageLimit::jsonBytes).orElse(0L);
            for (String line : output.traceback()) {
                size += jsonBytes(line) + 3;
            }
            if (output.display().isPresent()) {
                size += jsonBytes(output.display().get().mimeType()) + jsonBytes(output.display().get().data());
                // StdOut repeats the text next to a display (the kernel prints StdOut, not TextPlain, then).
                size += output.textPlain().map(PageLimit::jsonBytes).orElse(0L);
            }
        }
        return size;
    }

    private static long jsonBytes(String value) {
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            }
            else if (c < 0x20) {
                bytes += 6;
            }
            else if (c < 0x80) {
                bytes += 1;
            }
            else if (c < 0x800 || Character.isSurrogate(c)) {
                // A surrogate pair is four bytes in UTF-8: two for each half.
                bytes += 2;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
