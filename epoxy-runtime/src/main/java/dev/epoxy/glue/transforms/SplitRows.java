package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.GlueType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * SplitRows: {@code comparison_dict = {path: {op: value, ...}}} with ops {@code =}, {@code !=},
 * {@code <}, {@code <=}, {@code >}, {@code >=}, all AND-ed. Frame {@code name1} holds the records
 * that satisfy every comparison, {@code name2} the others (including those whose field is missing
 * or null). A choice field is compared through the alternative of the value's type.
 */
public final class SplitRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SplitRows() {}

    public static List<DynamicFrame> apply(DynamicFrame frame, String comparisonJson, String name1, String name2, StageContext stage) {
        JsonNode root;
        try {
            root = MAPPER.readTree(comparisonJson);
        } catch (JsonProcessingException e) {
            throw invalidInput("comparison_dict must be a dict of {path: {op: value}}: %s", comparisonJson);
        }
        if (root == null || !root.isObject()) {
            throw invalidInput("comparison_dict must be a dict of {path: {op: value}}: %s", comparisonJson);
        }
        List<NamedColumn> columns = NamedColumn.columnsOf(frame);
        Column predicate = functions.lit(true);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isObject()) {
                throw invalidInput("comparison_dict[%s] must be a dict of {op: value}, got %s", entry.getKey(), entry.getValue());
            }
            Optional<NamedColumn> field = find(columns, FieldPath.parse(entry.getKey()));
            for (Iterator<Map.Entry<String, JsonNode>> ops = entry.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                Column comparison = field.isEmpty() ? functions.lit(false) : compare(field.get(), op.getKey(), op.getValue(), entry.getKey());
                predicate = predicate.and(comparison);
            }
        }
        Column matches = functions.coalesce(predicate, functions.lit(false));
        DynamicFrame first = frame.derive(frame.dataset().where(matches), stage).withName(name1);
        DynamicFrame second = frame.derive(frame.dataset().where(functions.not(matches)), stage).withName(name2);
        return List.of(first, second);
    }

    private static Optional<NamedColumn> find(List<NamedColumn> columns, FieldPath path) {
        List<NamedColumn> level = columns;
        NamedColumn current = null;
        for (FieldPath.Segment segment : path.segments()) {
            if (current != null) {
                if (!(current.type() instanceof dev.epoxy.glue.types.StructType struct)) {
                    return Optional.empty();
                }
                level = NamedColumn.fieldsOf(current.value(), struct);
            }
            int index = StructRewriter.indexOf(level, segment.name(), true);
            if (index < 0) {
                return Optional.empty();
            }
            current = level.get(index);
        }
        return Optional.ofNullable(current);
    }

    private static Column compare(NamedColumn field, String op, JsonNode value, String path) {
        Object literal = value.isTextual() ? value.asText()
                : value.isIntegralNumber() ? (Object) value.asLong()
                : value.isNumber() ? (Object) value.asDouble()
                : value.isBoolean() ? (Object) value.asBoolean()
                : null;
        if (literal == null) {
            throw invalidInput("comparison_dict[%s][%s]: unsupported value %s", path, op, value);
        }
        Column column = field.value();
        if (field.type() instanceof ChoiceType choice) {
            List<Column> alternatives = new ArrayList<>();
            for (GlueType alternative : choice.choices()) {
                alternatives.add(compare(column.getField(alternative.typeName()), op, literal, path));
            }
            return functions.coalesce(alternatives.toArray(new Column[0]));
        }
        return compare(column, op, literal, path);
    }

    private static Column compare(Column column, String op, Object literal, String path) {
        return switch (op) {
            case "=", "==" -> column.equalTo(literal);
            case "!=" -> column.notEqual(literal);
            case "<" -> column.lt(literal);
            case "<=" -> column.leq(literal);
            case ">" -> column.gt(literal);
            case ">=" -> column.geq(literal);
            default -> throw invalidInput("comparison_dict[%s]: unknown operator '%s'; use one of =, !=, <, <=, >, >=", path, op);
        };
    }
}
