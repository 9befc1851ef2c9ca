package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A field path as Glue's transforms write it: names separated by {@code .}, a name in backticks may
 * contain dots ({@code `a.b`.c}), and {@code []} after a name marks an array whose elements the
 * path continues into ({@code items[].price}).
 */
public record FieldPath(String text, List<Segment> segments) {
    /** One name of a path; {@code array} when it was written with {@code []}. */
    public record Segment(String name, boolean array) {
        public Segment {
            requireNonNull(name, "name is null");
        }
    }

    public FieldPath {
        requireNonNull(text, "text is null");
        segments = List.copyOf(segments);
    }

    /**
     * Parses a path.
     *
     * @throws dev.epoxy.glue.GlueRuntimeException INVALID_INPUT naming the path when it is empty or
     *     has an unclosed backtick
     */
    public static FieldPath parse(String path) {
        if (path == null || path.isEmpty()) {
            throw invalidInput("Invalid field path: '%s'", path);
        }
        List<Segment> segments = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        boolean quoted = false;
        boolean array = false;
        boolean hadQuote = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quoted) {
                if (c == '`' && i + 1 < path.length() && path.charAt(i + 1) == '`') {
                    name.append('`');
                    i++;
                } else if (c == '`') {
                    quoted = false;
                } else {
                    name.append(c);
                }
            } else if (c == '`') {
                quoted = true;
                hadQuote = true;
            } else if (c == '.') {
                segments.add(segment(path, name, array, hadQuote));
                name.setLength(0);
                array = false;
                hadQuote = false;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == ']') {
                array = true;
                i++;
            } else {
                name.append(c);
            }
        }
        if (quoted) {
            throw invalidInput("Invalid field path (unclosed backtick): '%s'", path);
        }
        segments.add(segment(path, name, array, hadQuote));
        return new FieldPath(path, segments);
    }

    private static Segment segment(String path, StringBuilder name, boolean array, boolean quoted) {
        if (name.length() == 0 && !quoted) {
            throw invalidInput("Invalid field path (empty name): '%s'", path);
        }
        return new Segment(name.toString(), array);
    }

    /** A path of plain names (no quoting needed). */
    public static FieldPath of(List<String> names) {
        List<Segment> segments = names.stream().map(name -> new Segment(name, false)).toList();
        return new FieldPath(names.stream().map(FieldPath::quoteIfNeeded).collect(Collectors.joining(".")), segments);
    }

    public List<String> names() {
        return segments.stream().map(Segment::name).toList();
    }

    public String first() {
        return segments.get(0).name();
    }

    public String last() {
        return segments.get(segments.size() - 1).name();
    }

    public int size() {
        return segments.size();
    }

    /** The path without its last name; empty for a top-level path. */
    public List<Segment> parent() {
        return segments.subList(0, segments.size() - 1);
    }

    /** A name as a path would write it: backticks when it contains a dot or a backtick. */
    public static String quoteIfNeeded(String name) {
        if (name.contains(".") || name.contains("`") || name.contains("[]")) {
            return "`" + name.replace("`", "``") + "`";
        }
        return name;
    }

    @Override
    public String toString() {
        return text;
    }
}
