package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.glue.model.EchoedText;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * GetTables' {@code Expression}: "a regular expression pattern; only tables whose names match it are
 * returned". The pattern must match the whole name, case-insensitively (names are lower-case). As in
 * the Hive metastore patterns that Glue's clients send, a {@code *} that does not follow a character it
 * could repeat stands for any text ({@code sales*} and {@code *orders} work as users expect) and
 * {@code |} separates alternatives.
 */
final class TableNamePattern {
    private static final int MAX_ECHOED_LENGTH = 128;

    private TableNamePattern() {}

    static Predicate<String> of(String expression) {
        String regex = hiveStars(expression);
        try {
            Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return name -> pattern.matcher(name).matches();
        }
        catch (PatternSyntaxException e) {
            throw new EpoxyException(INVALID_INPUT, "Invalid Expression: %s is not a valid pattern (%s at position %s)",
                    EchoedText.shortened(expression, MAX_ECHOED_LENGTH), e.getDescription(), e.getIndex() + 1);
        }
    }

    /**
     * {@code *} becomes {@code .*} unless it follows a character or group it repeats in a regular
     * expression ({@code .*}, {@code a*}, {@code ]*}, {@code )*}): a {@code *} at the start, after {@code |}
     * or {@code (}, or after another quantifier. Escaped stars stay literal. A star after a letter is
     * Hive's wildcard too ({@code sales*}): a regex {@code s*} would otherwise mean "any number of s".
     */
    static String hiveStars(String expression) {
        StringBuilder regex = new StringBuilder(expression.length() + 8);
        boolean escaped = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (escaped) {
                regex.append(c);
                escaped = false;
                continue;
            }
            if (c == '\\') {
                regex.append(c);
                escaped = true;
                continue;
            }
            if (c == '*' && !repeatsPrevious(expression, i)) {
                regex.append(".*");
                continue;
            }
            regex.append(c);
        }
        return regex.toString();
    }

    /** Whether the star at {@code index} is a regex quantifier: it follows {@code .}, {@code ]} or {@code )} (unescaped). */
    private static boolean repeatsPrevious(String expression, int index) {
        if (index == 0) {
            return false;
        }
        char previous = expression.charAt(index - 1);
        boolean previousEscaped = index >= 2 && expression.charAt(index - 2) == '\\';
        return !previousEscaped && (previous == '.' || previous == ']' || previous == ')') || previousEscaped;
    }
}
