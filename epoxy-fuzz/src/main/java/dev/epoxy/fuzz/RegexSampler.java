package dev.epoxy.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples strings that match a service-model pattern (Java regex syntax, the subset botocore models use:
 * literals, {@code .}, escapes such as {@code \w \s \S \d \p{L} \}{@code uXXXX}, classes with ranges and
 * negation, groups, alternation and the quantifiers {@code * + ? {m,n}}). Anchors are ignored. A sample is
 * a good guess, not a promise: the caller checks it against the pattern.
 */
final class RegexSampler {
    private static final int[][] WORD = {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}};
    private static final int[][] DIGIT = {{'0', '9'}};
    private static final int[][] SPACE = {{' ', ' '}, {'\t', '\t'}};
    private static final int[][] NON_SPACE = {{'!', '~'}};
    private static final int[][] PRINTABLE = {{' ', '~'}};
    private static final int[][] LETTER = {{'a', 'z'}, {'A', 'Z'}, {0xE9, 0xE9}, {0x4E2D, 0x4E2D}};
    private static final int[][] PUNCTUATION = {{'.', '.'}, {',', ','}, {'-', '-'}, {'!', '!'}};

    private sealed interface Node permits Sequence, Alternatives, Repeat, CharSet {}

    private record Sequence(List<Node> items) implements Node {}

    private record Alternatives(List<Node> choices) implements Node {}

    private record Repeat(Node item, int min, int max) implements Node {}

    private record CharSet(List<int[]> ranges, boolean negated) implements Node {}

    private final Node root;

    private RegexSampler(Node root) {
        this.root = root;
    }

    static RegexSampler of(String pattern) {
        Parser parser = new Parser(pattern);
        Node node = parser.alternatives();
        return new RegexSampler(node);
    }

    /** A sample; {@code extraRepeats} bounds how far unbounded quantifiers go beyond their minimum. */
    String sample(SplittableRandom random, int extraRepeats) {
        StringBuilder out = new StringBuilder();
        emit(root, random, extraRepeats, out);
        return out.toString();
    }

    private static void emit(Node node, SplittableRandom random, int extraRepeats, StringBuilder out) {
        if (node instanceof Sequence sequence) {
            sequence.items().forEach(item -> emit(item, random, extraRepeats, out));
        }
        else if (node instanceof Alternatives alternatives) {
            emit(alternatives.choices().get(random.nextInt(alternatives.choices().size())), random, extraRepeats, out);
        }
        else if (node instanceof Repeat repeat) {
            int max = repeat.max() < 0 ? repeat.min() + extraRepeats : Math.min(repeat.max(), repeat.min() + extraRepeats);
            int count = repeat.min() + (max > repeat.min() ? random.nextInt(max - repeat.min() + 1) : 0);
            for (int i = 0; i < count; i++) {
                emit(repeat.item(), random, extraRepeats, out);
            }
        }
        else if (node instanceof CharSet set) {
            out.appendCodePoint(pick(set, random));
        }
    }

    private static int pick(CharSet set, SplittableRandom random) {
        if (set.negated()) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int candidate = ' ' + random.nextInt('~' - ' ' + 1);
                if (!contains(set.ranges(), candidate)) {
                    return candidate;
                }
            }
            return 0x2603;
        }
        // Mostly printable ASCII where the set allows it, so that valid values read like real ones.
        if (random.nextInt(10) < 7) {
            List<int[]> ascii = new ArrayList<>();
            for (int[] range : set.ranges()) {
                int low = Math.max(range[0], 0x21);
                int high = Math.min(range[1], 0x7E);
                if (low <= high) {
                    ascii.add(new int[] {low, high});
                }
            }
            if (!ascii.isEmpty()) {
                return uniform(ascii, random);
            }
        }
        return uniform(set.ranges(), random);
    }

    private static int uniform(List<int[]> ranges, SplittableRandom random) {
        long total = 0;
        for (int[] range : ranges) {
            total += range[1] - range[0] + 1;
        }
        long index = random.nextLong(total);
        for (int[] range : ranges) {
            long size = range[1] - range[0] + 1;
            if (index < size) {
                return (int) (range[0] + index);
            }
            index -= size;
        }
        throw new IllegalStateException("empty character set");
    }

    private static boolean contains(List<int[]> ranges, int codePoint) {
        for (int[] range : ranges) {
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** Recursive descent over the pattern; patterns are short, so recursion depth is no concern here. */
    private static final class Parser {
        private final String pattern;
        private int position;

        Parser(String pattern) {
            this.pattern = pattern;
        }

        Node alternatives() {
            List<Node> choices = new ArrayList<>();
            choices.add(sequence());
            while (position < pattern.length() && pattern.charAt(position) == '|') {
                position++;
                choices.add(sequence());
            }
            return choices.size() == 1 ? choices.get(0) : new Alternatives(choices);
        }

        private Node sequence() {
            List<Node> items = new ArrayList<>();
            while (position < pattern.length() && pattern.charAt(position) != '|' && pattern.charAt(position) != ')') {
                Node atom = atom();
                if (atom != null) {
                    items.add(quantified(atom));
                }
            }
            return new Sequence(items);
        }

        private Node atom() {
            char c = pattern.charAt(position++);
            return switch (c) {
                case '^', '$' -> null;
                case '(' -> {
                    if (pattern.startsWith("?:", position) || pattern.startsWith("?>", position)) {
                        position += 2;
                    }
                    Node inner = alternatives();
                    position++; // ')'
                    yield inner;
                }
                case '[' -> charClass();
                case '.' -> set(PRINTABLE);
                case '\\' -> escape();
                default -> literal(c);
            };
        }

        private Node quantified(Node atom) {
            if (position >= pattern.length()) {
                return atom;
            }
            char c = pattern.charAt(position);
            Node result;
            switch (c) {
                case '*' -> result = new Repeat(atom, 0, -1);
                case '+' -> result = new Repeat(atom, 1, -1);
                case '?' -> result = new Repeat(atom, 0, 1);
                case '{' -> {
                    int close = pattern.indexOf('}', position);
                    String[] bounds = pattern.substring(position + 1, close).split(",", -1);
                    int min = Integer.parseInt(bounds[0].trim());
                    int max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : Integer.parseInt(bounds[1].trim());
                    position = close;
                    result = new Repeat(atom, min, max);
                }
                default -> {
                    return atom;
                }
            }
            position++;
            if (position < pattern.length() && (pattern.charAt(position) == '?' || pattern.charAt(position) == '+')) {
                position++;
            }
            return result;
        }

        private Node charClass() {
            boolean negated = false;
            if (pattern.charAt(position) == '^') {
                negated = true;
                position++;
            }
            List<int[]> ranges = new ArrayList<>();
            boolean first = true;
            while (pattern.charAt(position) != ']' || first) {
                first = false;
                int[][] escaped = null;
                int low;
                if (pattern.charAt(position) == '\\') {
                    position++;
                    escaped = classEscape();
                    if (escaped != null) {
                        for (int[] range : escaped) {
                            ranges.add(range);
                        }
                        continue;
                    }
                    low = escapedCodePoint();
                }
                else {
                    low = pattern.codePointAt(position);
                    position += Character.charCount(low);
                }
                int high = low;
                if (pattern.charAt(position) == '-' && pattern.charAt(position + 1) != ']') {
                    position++;
                    if (pattern.charAt(position) == '\\') {
                        position++;
                        high = escapedCodePoint();
                    }
                    else {
                        high = pattern.codePointAt(position);
                        position += Character.charCount(high);
                    }
                }
                if (low <= high) {
                    ranges.add(new int[] {low, high});
                }
            }
            position++; // ']'
            return new CharSet(ranges, negated);
        }

        private Node escape() {
            int[][] escaped = classEscape();
            if (escaped != null) {
                return set(escaped);
            }
            return literal(escapedCodePoint());
        }

        /** The ranges of a class escape after the backslash ({@code \w}, {@code \p{L}}, ...), or null for a single character. */
        private int[][] classEscape() {
            char c = pattern.charAt(position);
            int[][] ranges = switch (c) {
                case 'w' -> WORD;
                case 'd' -> DIGIT;
                case 's' -> SPACE;
                case 'S', 'W', 'D' -> NON_SPACE;
                case 'p' -> {
                    int close = pattern.indexOf('}', position);
                    String name = pattern.substring(position + 2, close);
                    position = close;
                    yield switch (name) {
                        case "N" -> DIGIT;
                        case "P" -> PUNCTUATION;
                        default -> LETTER;
                    };
                }
                default -> null;
            };
            if (ranges != null) {
                position++;
            }
            return ranges;
        }

        /** The code point of a single-character escape after the backslash; surrogate pairs written as two escapes become one. */
        private int escapedCodePoint() {
            char c = pattern.charAt(position++);
            switch (c) {
                case 't':
                    return '\t';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 'f':
                    return '\f';
                case 'x': {
                    int value = Integer.parseInt(pattern.substring(position, position + 2), 16);
                    position += 2;
                    return value;
                }
                case 'u': {
                    int unit = Integer.parseInt(pattern.substring(position, position + 4), 16);
                    position += 4;
                    if (Character.isHighSurrogate((char) unit) && pattern.startsWith("\\u", position)) {
                        int low = Integer.parseInt(pattern.substring(position + 2, position + 6), 16);
                        if (Character.isLowSurrogate((char) low)) {
                            position += 6;
                            return Character.toCodePoint((char) unit, (char) low);
                        }
                    }
                    return unit;
                }
                default:
                    return c;
            }
        }

        private static Node literal(int codePoint) {
            return new CharSet(List.of(new int[] {codePoint, codePoint}), false);
        }

        private static Node set(int[][] ranges) {
            return new CharSet(List.of(ranges), false);
        }
    }
}
