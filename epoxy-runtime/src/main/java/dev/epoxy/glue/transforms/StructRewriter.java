package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Rewrites the field at a path inside a frame's columns as a Catalyst expression: structs on the way
 * are rebuilt (staying null when they were null), arrays are entered with {@code transform} (an
 * array of structs is entered implicitly, or explicitly with {@code []}). The rewrite returns the
 * fields that replace the one at the path: none drops it, several split it.
 */
public final class StructRewriter {
    private StructRewriter() {}

    /**
     * The columns with the field at {@code path} replaced by {@code rewrite}'s result, or empty when
     * no field has that path.
     */
    public static Optional<List<NamedColumn>> rewrite(List<NamedColumn> columns, FieldPath path, boolean caseSensitive,
            Function<NamedColumn, List<NamedColumn>> rewrite) {
        return rewriteLevel(columns, path.segments(), 0, caseSensitive, rewrite, path);
    }

    private static Optional<List<NamedColumn>> rewriteLevel(List<NamedColumn> fields, List<FieldPath.Segment> segments,
            int depth, boolean caseSensitive, Function<NamedColumn, List<NamedColumn>> rewrite, FieldPath path) {
        FieldPath.Segment segment = segments.get(depth);
        int index = indexOf(fields, segment.name(), caseSensitive);
        if (index < 0) {
            return Optional.empty();
        }
        NamedColumn field = fields.get(index);
        boolean last = depth == segments.size() - 1;
        Optional<List<NamedColumn>> replacement;
        if (last && !segment.array()) {
            replacement = Optional.of(rewrite.apply(field));
        } else if (last) {
            replacement = rewriteElements(field, element -> single(rewrite.apply(element), path));
        } else if (field.type() instanceof StructType struct && !segment.array()) {
            replacement = rewriteLevel(NamedColumn.fieldsOf(field.value(), struct), segments, depth + 1, caseSensitive,
                    rewrite, path)
                    .map(children -> List.of(new NamedColumn(field.name(), NamedColumn.struct(children, field.value()),
                            NamedColumn.structType(children))));
        } else if (field.type() instanceof ArrayType array && array.elementType() instanceof StructType struct) {
            // Probe the element level once to know whether the path exists inside the elements.
            List<NamedColumn> probe = NamedColumn.fieldsOf(functions.col("probe"), struct);
            if (rewriteLevel(probe, segments, depth + 1, caseSensitive, rewrite, path).isEmpty()) {
                return Optional.empty();
            }
            replacement = rewriteElements(field, element -> {
                List<NamedColumn> children = rewriteLevel(NamedColumn.fieldsOf(element.value(), struct), segments,
                        depth + 1, caseSensitive, rewrite, path).orElseThrow();
                return new NamedColumn("", NamedColumn.struct(children, element.value()), NamedColumn.structType(children));
            });
        } else {
            return Optional.empty();
        }
        if (replacement.isEmpty()) {
            return Optional.empty();
        }
        List<NamedColumn> result = new ArrayList<>(fields.subList(0, index));
        result.addAll(replacement.get());
        result.addAll(fields.subList(index + 1, fields.size()));
        return Optional.of(result);
    }

    private static Optional<List<NamedColumn>> rewriteElements(NamedColumn field, Function<NamedColumn, NamedColumn> element) {
        if (!(field.type() instanceof ArrayType array)) {
            return Optional.empty();
        }
        GlueType[] elementType = new GlueType[1];
        Column transformed = functions.transform(field.value(), x -> {
            NamedColumn rewritten = element.apply(new NamedColumn("", x, array.elementType()));
            elementType[0] = rewritten.type();
            return rewritten.value();
        });
        // The lambda runs when transform() builds the expression, so the element type is known here.
        if (elementType[0] == null) {
            elementType[0] = element.apply(new NamedColumn("", functions.col("probe"), array.elementType())).type();
        }
        return Optional.of(List.of(new NamedColumn(field.name(), transformed, new ArrayType(elementType[0]))));
    }

    private static NamedColumn single(List<NamedColumn> columns, FieldPath path) {
        if (columns.size() != 1) {
            throw invalidInput("Cannot split or drop the elements of an array: %s", path);
        }
        return columns.get(0);
    }

    /** Index of the field with this name: exact match first, then (if allowed) ignoring case; -1 if none. */
    public static int indexOf(List<NamedColumn> fields, String name, boolean caseSensitive) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        if (!caseSensitive) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().toLowerCase(Locale.ROOT).equals(lower)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
