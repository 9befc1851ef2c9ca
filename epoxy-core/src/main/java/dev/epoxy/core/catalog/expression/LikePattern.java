package dev.epoxy.core.catalog.expression;

import static dev.epoxy.core.catalog.expression.ExpressionErrors.invalid;

import java.util.regex.Pattern;

/**
 * A LIKE pattern: {@code %} matches any run of characters, {@code _} exactly one, and a backslash
 * makes the next {@code %}, {@code _} or backslash literal. Other uses of the backslash are refused,
 * because H2 and PostgreSQL disagree about them.
 */
record LikePattern(String pattern, Pattern regex) {
    static LikePattern of(String pattern, int position) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length() || "%_\\".indexOf(pattern.charAt(i + 1)) < 0) {
                    throw invalid(position, "A backslash in a LIKE pattern must precede %%, _ or a backslash");
                }
                literal.append(pattern.charAt(++i));
            }
            else if (c == '%' || c == '_') {
                flush(literal, regex);
                regex.append(c == '%' ? ".*" : ".");
            }
            else {
                literal.append(c);
            }
        }
        flush(literal, regex);
        return new LikePattern(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static void flush(StringBuilder literal, StringBuilder regex) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }
}
