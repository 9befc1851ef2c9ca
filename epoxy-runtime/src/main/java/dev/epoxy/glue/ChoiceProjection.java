package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The resolve options of {@code toDF(options)} on top-level choice columns: {@code make_struct}
 * keeps the struct, {@code project:<type>} keeps the values of that alternative (others become
 * null). Nested paths belong to the ResolveChoice transform.
 */
final class ChoiceProjection {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChoiceProjection() {}

    static DynamicFrame apply(DynamicFrame frame, String specsJson) {
        Map<String, String> actions = parse(specsJson);
        if (actions.isEmpty()) {
            return frame;
        }
        StructType schema = frame.schema();
        Dataset<Row> dataset = frame.dataset();
        List<Column> columns = new ArrayList<>();
        for (Field field : schema.fields()) {
            String action = actions.remove(field.name());
            Column column = dataset.col(DynamicFrame.quote(field.name()));
            if (action == null || action.equals("make_struct") || !(field.type() instanceof ChoiceType choice)) {
                columns.add(column);
                continue;
            }
            if (!action.startsWith("project:")) {
                throw invalidInput("Invalid resolve action %s for %s", action, field.name());
            }
            String target = action.substring("project:".length());
            GlueType alternative = choice.choice(target)
                    .orElseThrow(() -> invalidInput("Cannot project %s to %s: its choices are %s", field.name(), target,
                            choice.choices().stream().map(GlueType::typeName).toList()));
            columns.add(column.getField(alternative.typeName()).as(field.name()));
        }
        if (!actions.isEmpty()) {
            throw invalidInput("No such column for resolve option: %s", actions.keySet().iterator().next());
        }
        return frame.derive(dataset.select(columns.toArray(new Column[0])), StageContext.none());
    }

    private static Map<String, String> parse(String specsJson) {
        Map<String, String> actions = new HashMap<>();
        try {
            for (JsonNode spec : MAPPER.readTree(specsJson)) {
                actions.put(spec.get(0).asText(), spec.get(1).asText());
            }
        } catch (JsonProcessingException | NullPointerException e) {
            throw invalidInput("Invalid resolve options: %s", specsJson);
        }
        return actions;
    }
}
