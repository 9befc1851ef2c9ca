package dev.epoxy.glue.model;

/**
 * The service model's patterns, written for Java's regex syntax, in the syntax of RE2/J.
 *
 * <p>Why RE2/J and not {@link java.util.regex}: java.util.regex backtracks and recurses once per
 * repetition of a group, so {@code ^(\w+\.)+\w+$} (GlueVersionString) on {@code "a." * 10000} throws
 * {@link StackOverflowError}, and other patterns can take exponential time. RE2/J matches in time linear
 * in the input without recursion, whatever the pattern, so a pattern added to the model later cannot
 * bring that back. (Checking lengths before patterns also bounds the input, but several patterned shapes
 * have no maximum length.)
 *
 * <p>The only Java syntax the model uses that RE2/J lacks is {@code \}{@code uXXXX}; it becomes
 * {@code \x{XXXX}}, and a surrogate pair written as two escapes becomes the one supplementary code point
 * Java reads it as (RE2/J, like Java, matches strings by code point, so a lone surrogate in the input is
 * the code point U+D800..U+DFFF, which the model's ranges exclude).
 */
final class ModelPatterns {
    private ModelPatterns() {}

    static String toRe2(String javaPattern) {
        StringBuilder out = new StringBuilder(javaPattern.length());
        int i = 0;
        while (i < javaPattern.length()) {
            char c = javaPattern.charAt(i);
            if (c != '\\' || i + 1 >= javaPattern.length()) {
                out.append(c);
                i++;
                continue;
            }
            int unit = unicodeEscapeAt(javaPattern, i);
            if (unit < 0) {
                // Any other escape, \\ included, is copied with the character it escapes.
                out.append(c).append(javaPattern.charAt(i + 1));
                i += 2;
                continue;
            }
            int codePoint = unit;
            i += 6;
            int low = unicodeEscapeAt(javaPattern, i);
            if (Character.isHighSurrogate((char) unit) && low >= 0 && Character.isLowSurrogate((char) low)) {
                codePoint = Character.toCodePoint((char) unit, (char) low);
                i += 6;
            }
            out.append("\\x{").append(Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT)).append('}');
        }
        return out.toString();
    }

    /** The UTF-16 unit of a {@code \}{@code uXXXX} escape starting at {@code index}, or -1 when there is none. */
    private static int unicodeEscapeAt(String pattern, int index) {
        if (index + 6 > pattern.length() || pattern.charAt(index) != '\\' || pattern.charAt(index + 1) != 'u') {
            return -1;
        }
        int unit = 0;
        for (int j = index + 2; j < index + 6; j++) {
            int digit = Character.digit(pattern.charAt(j), 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }
}
