package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Python literals the official kernel reads with {@code ast.literal_eval}: the bodies of
 * {@code %%configure} and {@code %%tags}. So {@code {'a': True}} is accepted and JSON's {@code true} is not,
 * exactly as in a session.
 *
 * <p>Values come back as {@link String}, {@link BigInteger}, {@link Double}, {@link Boolean},
 * {@link #NONE}, {@link List} (lists and tuples), {@link Set} and {@link Map} (in the literal's order).
 */
final class PythonLiteral {
    /** Python's {@code None}. */
    enum None { NONE }

    static final None NONE = None.NONE;

    private final String text;
    private int position;
    private int depth;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /**
     * The value of the literal.
     *
     * @throws PythonLiteralException when the text is not one literal
     */
    static Object parse(String text) {
        requireNonNull(text, "text is null");
        PythonLiteral parser = new PythonLiteral(text);
        // Blank and comment lines before the value are fine, as for ast.literal_eval.
        parser.depth = 1;
        parser.skipBlank();
        parser.depth = 0;
        if (parser.atEnd()) {
            throw parser.error("no value");
        }
        Object value = parser.value();
        parser.skipBlank();
        if (!parser.atEnd()) {
            char next = parser.peek();
            throw parser.error(next == '\n' || next == '\r' ? "more than one value (a new line starts after the value)" : "unexpected '" + next + "' after the value");
        }
        return value;
    }

    /** What Python's {@code str(value)} gives for a scalar; {@code null} for containers, which have no short form here. */
    static String str(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value == NONE) {
            return "None";
        }
        if (value instanceof BigInteger integer) {
            return integer.toString();
        }
        if (value instanceof Double number) {
            return pythonFloat(number);
        }
        return null;
    }

    private static String pythonFloat(double number) {
        if (Double.isNaN(number)) {
            return "nan";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(number);
        if (magnitude != 0 && (magnitude >= 1e16 || magnitude < 1e-4)) {
            // Python's repr switches to exponent form outside [1e-4, 1e16): 1e+16, 1e-05.
            String java = Double.toString(number);
            String mantissa = java.substring(0, java.indexOf('E')).replaceAll("\\.0$", "");
            int exponent = Integer.parseInt(java.substring(java.indexOf('E') + 1));
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = new java.math.BigDecimal(Double.toString(number)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private Object value() {
        skipBlank();
        if (atEnd()) {
            throw error("the literal ends early");
        }
        char c = peek();
        switch (c) {
            case '{':
                return braces();
            case '[':
                return sequence('[', ']');
            case '(':
                return parentheses();
            case '+', '-':
                position++;
                skipBlank();
                Object number = number();
                if (c == '-') {
                    return number instanceof BigInteger integer ? integer.negate() : -((Double) number);
                }
                return number;
            default:
                break;
        }
        if (Character.isDigit(c) || (c == '.' && position + 1 < text.length() && Character.isDigit(text.charAt(position + 1)))) {
            return number();
        }
        if (startsString()) {
            StringBuilder joined = new StringBuilder();
            // Adjacent string literals are one string, as in Python.
            do {
                joined.append(string());
                skipBlank();
            } while (!atEnd() && startsString());
            return joined.toString();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = position;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                position++;
            }
            String name = text.substring(start, position);
            switch (name) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return NONE;
                case "true", "false", "null":
                    position = start;
                    throw error("'" + name + "' is not a Python literal (write True, False or None)");
                default:
                    position = start;
                    throw error("'" + name + "' is not a literal (names and expressions are not evaluated)");
            }
        }
        throw error("unexpected '" + c + "'");
    }

    private Object braces() {
        expect('{');
        depth++;
        skipBlank();
        if (peekIs('}')) {
            position++;
            depth--;
            return new LinkedHashMap<>();
        }
        int start = position;
        Object first = value();
        skipBlank();
        if (peekIs(':')) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Object firstKey = hashable(first, start);
            position++;
            map.put(firstKey, value());
            while (moreItems('}')) {
                int keyStart = position;
                Object key = hashable(value(), keyStart);
                skipBlank();
                expect(':');
                map.put(key, value());
            }
            depth--;
            return map;
        }
        if (!peekIs(',') && !peekIs('}')) {
            throw error(atEnd() ? "'}' expected, the literal ends early" : "':' expected, found '" + peek() + "'");
        }
        Set<Object> set = new LinkedHashSet<>();
        set.add(hashable(first, start));
        while (moreItems('}')) {
            int itemStart = position;
            set.add(hashable(value(), itemStart));
        }
        depth--;
        return set;
    }

    private List<Object> sequence(char open, char close) {
        expect(open);
        depth++;
        List<Object> items = new ArrayList<>();
        skipBlank();
        if (peekIs(close)) {
            position++;
            depth--;
            return items;
        }
        items.add(value());
        while (moreItems(close)) {
            items.add(value());
        }
        depth--;
        return items;
    }

    private Object parentheses() {
        expect('(');
        depth++;
        skipBlank();
        if (peekIs(')')) {
            position++;
            depth--;
            return List.of();
        }
        Object first = value();
        skipBlank();
        if (peekIs(')')) {
            // (x) is x; only a comma makes a tuple.
            position++;
            depth--;
            return first;
        }
        List<Object> items = new ArrayList<>();
        items.add(first);
        while (moreItems(')')) {
            items.add(value());
        }
        depth--;
        return items;
    }

    /** After an item: true when another follows (a comma was read), false when the closing bracket was read. */
    private boolean moreItems(char close) {
        skipBlank();
        if (peekIs(close)) {
            position++;
            return false;
        }
        if (atEnd()) {
            throw error("'" + close + "' expected, the literal ends early");
        }
        expect(',');
        skipBlank();
        if (peekIs(close)) {
            position++;
            return false;
        }
        return true;
    }

    private Object hashable(Object key, int start) {
        if (key instanceof List<?> || key instanceof Map<?, ?> || key instanceof Set<?>) {
            position = start;
            throw error("a list, dict or set cannot be a dict key or set member");
        }
        return key;
    }

    private Object number() {
        int start = position;
        if (atEnd()) {
            throw error("a number was expected");
        }
        if (peek() == '0' && position + 1 < text.length() && "xXoObB".indexOf(text.charAt(position + 1)) >= 0) {
            char base = Character.toLowerCase(text.charAt(position + 1));
            position += 2;
            int digitsStart = position;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                position++;
            }
            String digits = text.substring(digitsStart, position).replace("_", "");
            try {
                return new BigInteger(digits, base == 'x' ? 16 : base == 'o' ? 8 : 2);
            }
            catch (NumberFormatException e) {
                position = start;
                throw error("malformed number " + text.substring(start, digitsStart + digits.length()));
            }
        }
        boolean isFloat = false;
        while (!atEnd()) {
            char c = peek();
            if (Character.isDigit(c) || c == '_') {
                position++;
            }
            else if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
                position++;
                if ((c == 'e' || c == 'E') && !atEnd() && (peek() == '+' || peek() == '-')) {
                    position++;
                }
            }
            else {
                break;
            }
        }
        if (!atEnd() && (peek() == 'j' || peek() == 'J')) {
            throw error("complex numbers are not supported");
        }
        if (!atEnd() && Character.isLetter(peek())) {
            throw error("malformed number " + text.substring(start, position + 1));
        }
        String literal = text.substring(start, position).replace("_", "");
        try {
            if (isFloat) {
                return Double.parseDouble(literal);
            }
            if (literal.length() > 1 && literal.startsWith("0") && !literal.chars().allMatch(ch -> ch == '0')) {
                position = start;
                throw error("leading zeros in a decimal integer are not permitted in Python");
            }
            return new BigInteger(literal);
        }
        catch (NumberFormatException e) {
            position = start;
            throw error("malformed number " + literal);
        }
    }

    private boolean startsString() {
        int cursor = position;
        while (cursor < text.length() && cursor - position < 2 && "rRuUbBfF".indexOf(text.charAt(cursor)) >= 0) {
            cursor++;
        }
        return cursor < text.length() && (text.charAt(cursor) == '\'' || text.charAt(cursor) == '"');
    }

    private String string() {
        int start = position;
        boolean raw = false;
        while ("rRuUbBfF".indexOf(peek()) >= 0) {
            char prefix = Character.toLowerCase(peek());
            if (prefix == 'f') {
                throw error("f-strings are not literals");
            }
            raw |= prefix == 'r';
            position++;
        }
        char quote = peek();
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), position);
        position += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                position = start;
                throw error("the string is not closed");
            }
            char c = peek();
            if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), position))) {
                position += triple ? 3 : 1;
                return value.toString();
            }
            if ((c == '\n' || c == '\r') && !triple) {
                position = start;
                throw error("the string is not closed on its line");
            }
            if (c == '\\' && position + 1 < text.length()) {
                position++;
                escape(value, raw);
                continue;
            }
            value.append(c);
            position++;
        }
    }

    /** After a backslash: appends what the escape means ({@code raw}: the backslash and the character, as Python keeps them). */
    private void escape(StringBuilder value, boolean raw) {
        char c = peek();
        if (raw) {
            value.append('\\').append(c);
            position++;
            return;
        }
        position++;
        switch (c) {
            case '\n' -> { }
            case '\r' -> {
                if (peekIs('\n')) {
                    position++;
                }
            }
            case '\\', '\'', '"' -> value.append(c);
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000b');
            case 'x' -> value.appendCodePoint(hexDigits(2));
            case 'u' -> value.appendCodePoint(hexDigits(4));
            case 'U' -> value.appendCodePoint(hexDigits(8));
            default -> {
                if (c >= '0' && c <= '7') {
                    int code = c - '0';
                    for (int i = 0; i < 2 && !atEnd() && peek() >= '0' && peek() <= '7'; i++) {
                        code = code * 8 + (peek() - '0');
                        position++;
                    }
                    value.append((char) code);
                }
                else {
                    // Python keeps unknown escapes as written.
                    value.append('\\').append(c);
                }
            }
        }
    }

    private int hexDigits(int count) {
        if (position + count > text.length()) {
            throw error("truncated \\x, \\u or \\U escape");
        }
        String digits = text.substring(position, position + count);
        try {
            int code = Integer.parseInt(digits, 16);
            position += count;
            return code;
        }
        catch (NumberFormatException e) {
            throw error("malformed escape \\" + digits);
        }
    }

    /** Skips spaces, comments and line breaks; a line break counts only inside brackets or after a backslash, as in Python. */
    private void skipBlank() {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\f') {
                position++;
            }
            else if (c == '#') {
                while (!atEnd() && peek() != '\n' && peek() != '\r') {
                    position++;
                }
            }
            else if (c == '\\' && position + 1 < text.length() && (text.charAt(position + 1) == '\n' || text.charAt(position + 1) == '\r')) {
                position += 2;
            }
            else if (c == '\n' || c == '\r') {
                if (depth == 0 && !restIsBlank()) {
                    return;
                }
                position++;
            }
            else {
                return;
            }
        }
    }

    private boolean restIsBlank() {
        for (int cursor = position; cursor < text.length(); cursor++) {
            char c = text.charAt(cursor);
            if (c == '#') {
                while (cursor < text.length() && text.charAt(cursor) != '\n') {
                    cursor++;
                }
            }
            else if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private void expect(char c) {
        if (!peekIs(c)) {
            throw error(atEnd() ? "'" + c + "' expected, the literal ends early" : "'" + c + "' expected, found '" + peek() + "'");
        }
        position++;
    }

    private boolean peekIs(char c) {
        return !atEnd() && peek() == c;
    }

    private char peek() {
        return text.charAt(position);
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private PythonLiteralException error(String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            }
            else {
                column++;
            }
        }
        return new PythonLiteralException(message + " (line " + line + ", column " + column + ")");
    }

    /** The text is not a Python literal; the message says what and where. */
    static final class PythonLiteralException extends RuntimeException {
        PythonLiteralException(String message) {
            super(message);
        }
    }
}
