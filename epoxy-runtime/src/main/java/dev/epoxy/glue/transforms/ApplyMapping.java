package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;

/**
 * ApplyMapping: select, rename, cast, unnest and nest fields in one projection (reference §3.3).
 *
 * <ul>
 *   <li>A mapping is {@code (source, sourceType, target, targetType)}; {@code (source, target,
 *       targetType)} and {@code (source, target)} (type kept) are accepted too.
 *   <li>Only mapped fields are kept, in mapping order; a dotted target builds a struct, and targets
 *       sharing a prefix build one struct.
 *   <li>A source path that is not in the schema produces no field (the records have nothing to map).
 *   <li>From a choice, the alternative a record holds is cast.
 *   <li>A non-null value that cannot be cast (e.g. {@code "abc"} to long) makes the whole record an
 *       error record of this stage; it is dropped from the frame.
 * </ul>
 *
 * The result is one Catalyst plan: the casts, a filter on "no cast failed", the projection.
 */
public final class ApplyMapping {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Mapping(String text, FieldPath source, FieldPath target, Optional<GlueType> targetType) {}

    /** A mapped value; {@code present} is set when the cast can fail: "the source had a value". */
    private record Mapped(Column value, GlueType type, Optional<Column> present, String description) {}

    private static final String VALUE = "__epoxy_value_";
    private static final String PRESENT = "__epoxy_present_";
    private static final String BARRIER = "__epoxy_barrier";

    private ApplyMapping() {}

    public static DynamicFrame apply(DynamicFrame frame, String mappingsJson, boolean caseSensitive, StageContext stage) {
        List<Mapping> mappings = parse(mappingsJson);
        Dataset<Row> dataset = frame.dataset();
        List<NamedColumn> columns = NamedColumn.columnsOf(frame);
        Map<String, Object> tree = new LinkedHashMap<>();
        List<Mapped> values = new ArrayList<>();
        List<Column> failures = new ArrayList<>();
        List<Column> messages = new ArrayList<>();
        for (Mapping mapping : mappings) {
            Optional<NamedColumn> source = resolve(columns, mapping, caseSensitive);
            if (source.isEmpty()) {
                continue;
            }
            Mapped mapped = cast(source.get(), mapping);
            mapped.present().ifPresent(present -> {
                Column failed = present.and(mapped.value().isNull());
                failures.add(failed);
                messages.add(functions.when(failed, functions.concat(
                        functions.lit("ApplyMapping " + mapping.text() + ": cannot cast "),
                        functions.coalesce(source.get().value().cast("string"), functions.lit("value")),
                        functions.lit(" to " + mapped.description()))));
            });
            place(tree, mapping, values.size());
            values.add(mapped);
        }
        if (failures.isEmpty()) {
            return frame.derive(NamedColumn.select(dataset, build(tree, values, index -> values.get(index).value())), stage);
        }
        Column message = functions.concat_ws("; ", messages.toArray(new Column[0]));
        Dataset<Row> errors = dataset.where(failures.stream().reduce(Column::or).orElseThrow())
                .select(TransformErrors.errorColumn(dataset, frame.schema(), stage.callSite(), message));
        return frame.derive(checkedProjection(dataset, tree, values), errors, stage);
    }

    /**
     * The records whose casts all succeeded, mapped. Each cast is computed once: the values and
     * the presence of their sources are projected first, then filtered. The projection carries a
     * non-deterministic column only so that Catalyst cannot push the filter below it (which would
     * compute every cast twice: once to filter, once to project).
     */
    private static Dataset<Row> checkedProjection(Dataset<Row> dataset, Map<String, Object> tree, List<Mapped> values) {
        List<Column> computed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Mapped mapped = values.get(i);
            computed.add(mapped.value().as(VALUE + i));
            if (mapped.present().isPresent()) {
                computed.add(mapped.present().get().as(PRESENT + i));
            }
        }
        computed.add(functions.monotonically_increasing_id().as(BARRIER));
        Dataset<Row> projected = dataset.select(computed.toArray(new Column[0]));
        Column anyFailed = functions.lit(false);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).present().isPresent()) {
                anyFailed = anyFailed.or(projected.col(PRESENT + i).and(projected.col(VALUE + i).isNull()));
            }
        }
        Dataset<Row> good = projected.where(functions.not(anyFailed).and(projected.col(BARRIER).geq(0)));
        return NamedColumn.select(good, build(tree, values, index -> good.col(VALUE + index)));
    }

    private static List<Mapping> parse(String mappingsJson) {
        JsonNode root;
        try {
            root = MAPPER.readTree(mappingsJson);
        } catch (JsonProcessingException e) {
            throw invalidInput("Invalid mappings: %s", mappingsJson);
        }
        if (root == null || !root.isArray()) {
            throw invalidInput("mappings must be a list of tuples: %s", mappingsJson);
        }
        List<Mapping> mappings = new ArrayList<>();
        for (JsonNode tuple : root) {
            if (!tuple.isArray()) {
                throw invalidInput("Mapping must be a tuple: %s", tuple);
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode part : tuple) {
                if (!part.isTextual()) {
                    throw invalidInput("Mapping %s: every element must be a string", text(tuple));
                }
                parts.add(part.asText());
            }
            String text = text(tuple);
            mappings.add(switch (parts.size()) {
                case 2 -> new Mapping(text, path(parts.get(0), text), path(parts.get(1), text), Optional.empty());
                case 3 -> new Mapping(text, path(parts.get(0), text), path(parts.get(1), text), targetType(parts.get(2), text));
                case 4 -> new Mapping(text, path(parts.get(0), text), path(parts.get(2), text), targetType(parts.get(3), text));
                default -> throw invalidInput("Mapping tuple must be of length 2, 3, or 4Got tuple of length %s: %s", parts.size(), text);
            });
        }
        return mappings;
    }

    private static String text(JsonNode tuple) {
        List<String> parts = new ArrayList<>();
        for (JsonNode part : tuple) {
            parts.add(part.isTextual() ? "'" + part.asText() + "'" : part.toString());
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static FieldPath path(String text, String mapping) {
        try {
            return FieldPath.parse(text);
        } catch (RuntimeException e) {
            throw invalidInput("Invalid mapping %s: %s", mapping, e.getMessage());
        }
    }

    private static Optional<GlueType> targetType(String name, String mapping) {
        if (GlueTypeNames.isComplex(name)) {
            return Optional.empty();
        }
        return Optional.of(GlueTypeNames.parse(name)
                .orElseThrow(() -> invalidInput("Invalid mapping %s: unknown type '%s'", mapping, name)));
    }

    private static Optional<NamedColumn> resolve(List<NamedColumn> columns, Mapping mapping, boolean caseSensitive) {
        List<NamedColumn> level = columns;
        NamedColumn current = null;
        for (FieldPath.Segment segment : mapping.source().segments()) {
            if (current != null) {
                if (!(current.type() instanceof StructType struct)) {
                    if (current.type() instanceof dev.epoxy.glue.types.ArrayType) {
                        throw invalidInput("Invalid mapping %s: mapping fields inside arrays is not supported", mapping.text());
                    }
                    return Optional.empty();
                }
                level = NamedColumn.fieldsOf(current.value(), struct);
            }
            int index = StructRewriter.indexOf(level, segment.name(), caseSensitive);
            if (index < 0) {
                return Optional.empty();
            }
            current = level.get(index);
        }
        return Optional.ofNullable(current);
    }

    private static Mapped cast(NamedColumn source, Mapping mapping) {
        if (mapping.targetType().isEmpty() || mapping.targetType().get().equals(source.type())) {
            return new Mapped(source.value(), source.type(), Optional.empty(), source.type().typeName());
        }
        GlueType target = mapping.targetType().get();
        DataType sparkTarget = SparkTypes.toSpark(target);
        String description = target instanceof dev.epoxy.glue.types.DecimalType decimal
                ? "decimal(" + decimal.precision() + "," + decimal.scale() + ")" : target.typeName();
        if (source.type() == AtomicType.NULL || source.type() == AtomicType.UNKNOWN) {
            return new Mapped(functions.lit(null).cast(sparkTarget), target, Optional.empty(), description);
        }
        if (source.type() instanceof ChoiceType choice) {
            List<Column> casts = new ArrayList<>();
            List<Column> present = new ArrayList<>();
            for (GlueType alternative : choice.choices()) {
                Column value = source.value().getField(alternative.typeName());
                checkCastable(alternative, sparkTarget, mapping);
                casts.add(Casts.cast(value, sparkTarget));
                present.add(value.isNotNull());
            }
            Column value = functions.coalesce(casts.toArray(new Column[0]));
            Column anyPresent = present.stream().reduce(Column::or).orElseThrow();
            return new Mapped(value, target, Optional.of(anyPresent), description);
        }
        checkCastable(source.type(), sparkTarget, mapping);
        Column value = Casts.cast(source.value(), sparkTarget);
        Optional<Column> present = target == AtomicType.STRING ? Optional.empty() : Optional.of(source.value().isNotNull());
        return new Mapped(value, target, present, description);
    }

    private static void checkCastable(GlueType from, DataType to, Mapping mapping) {
        if (!Cast.canCast(SparkTypes.toSpark(from), to)) {
            throw invalidInput("Invalid mapping %s: cannot cast %s to %s", mapping.text(), from.typeName(), to.simpleString());
        }
    }

    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> tree, Mapping mapping, int index) {
        List<String> names = mapping.target().names();
        Map<String, Object> level = tree;
        for (int i = 0; i < names.size() - 1; i++) {
            Object child = level.computeIfAbsent(names.get(i), name -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                throw invalidInput("Invalid mapping %s: target %s is already a field, not a struct", mapping.text(),
                        names.subList(0, i + 1).stream().map(FieldPath::quoteIfNeeded).collect(Collectors.joining(".")));
            }
            level = (Map<String, Object>) child;
        }
        String leaf = names.get(names.size() - 1);
        if (level.containsKey(leaf)) {
            throw invalidInput("Invalid mapping %s: target %s is mapped twice", mapping.text(), mapping.target());
        }
        level.put(leaf, index);
    }

    @SuppressWarnings("unchecked")
    private static List<NamedColumn> build(Map<String, Object> tree, List<Mapped> values, IntFunction<Column> valueOf) {
        List<NamedColumn> columns = new ArrayList<>();
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            if (entry.getValue() instanceof Integer index) {
                columns.add(new NamedColumn(entry.getKey(), valueOf.apply(index), values.get(index).type()));
            } else {
                List<NamedColumn> children = build((Map<String, Object>) entry.getValue(), values, valueOf);
                columns.add(new NamedColumn(entry.getKey(), NamedColumn.struct(children, null), NamedColumn.structType(children)));
            }
        }
        return columns;
    }
}
