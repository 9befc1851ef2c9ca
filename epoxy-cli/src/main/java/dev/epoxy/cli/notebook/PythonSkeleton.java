package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

/**
 * Python code with the contents of string literals and comments blanked out, line breaks kept, so that a search
 * for {@code job.commit()} or {@code glueContext =} finds code, never a docstring, a SQL text or a comment.
 */
final class PythonSkeleton {
    private PythonSkeleton() {}

    static String of(String code) {
        requireNonNull(code, "code is null");
        StringBuilder skeleton = new StringBuilder(code.length());
        int position = 0;
        while (position < code.length()) {
            char c = code.charAt(position);
            if (c == '#') {
                while (position < code.length() && code.charAt(position) != '\n') {
                    position++;
                }
            }
            else if (c == '\'' || c == '"') {
                position = skipString(code, position, skeleton);
            }
            else {
                skeleton.append(c);
                position++;
            }
        }
        return skeleton.toString();
    }

    /** Appends an empty literal (plus the line breaks of the original) for the string at {@code start}; returns where it ends. */
    private static int skipString(String code, int start, StringBuilder skeleton) {
        char quote = code.charAt(start);
        boolean triple = code.startsWith(String.valueOf(quote).repeat(3), start);
        int position = start + (triple ? 3 : 1);
        skeleton.append(quote).append(quote);
        while (position < code.length()) {
            char c = code.charAt(position);
            if (c == '\\') {
                position += 2;
                continue;
            }
            if (c == '\n') {
                if (!triple) {
                    // An unclosed one-line string: the line ends it, as far as the skeleton is concerned.
                    return position;
                }
                skeleton.append('\n');
            }
            if (c == quote && (!triple || code.startsWith(String.valueOf(quote).repeat(3), position))) {
                return position + (triple ? 3 : 1);
            }
            position++;
        }
        return position;
    }
}
