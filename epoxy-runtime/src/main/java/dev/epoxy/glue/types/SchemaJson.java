package dev.epoxy.glue.types;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema JSON exchanged with Python (reference §6.3): {@code {"dataType": "...", "properties":
 * {}, ...}} with {@code fields} (struct; each {@code {"name", "container", "properties"}}),
 * {@code choices} (choice), {@code elementType} (array, set), {@code valueType} (map), {@code
 * precision}/{@code scale} (decimal) and {@code options} (enum). Properties are not kept on the Java
 * side: they are written as {@code {}} and ignored when read.
 */
public final class SchemaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaJson() {}

    public static String toJson(GlueType type) {
        return toNode(type).toString();
    }

    public static ObjectNode toNode(GlueType type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("dataType", type.typeName());
        node.putObject("properties");
        if (type instanceof StructType struct) {
            ArrayNode fields = node.putArray("fields");
            for (Field field : struct.fields()) {
                ObjectNode fieldNode = fields.addObject();
                fieldNode.put("name", field.name());
                fieldNode.set("container", toNode(field.type()));
                fieldNode.putObject("properties");
            }
        } else if (type instanceof ChoiceType choice) {
            ArrayNode choices = node.putArray("choices");
            choice.choices().forEach(alternative -> choices.add(toNode(alternative)));
        } else if (type instanceof ArrayType array) {
            node.set("elementType", toNode(array.elementType()));
        } else if (type instanceof SetType set) {
            node.set("elementType", toNode(set.elementType()));
        } else if (type instanceof MapType map) {
            node.set("valueType", toNode(map.valueType()));
        } else if (type instanceof DecimalType decimal) {
            node.put("precision", decimal.precision());
            node.put("scale", decimal.scale());
        } else if (type instanceof EnumType enumType) {
            ArrayNode options = node.putArray("options");
            enumType.options().forEach(options::add);
        }
        return node;
    }

    /** Parses schema JSON; fails with INVALID_INPUT naming what is wrong. */
    public static GlueType fromJson(String json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw invalidInput("Invalid schema JSON: %s", e.getOriginalMessage());
        }
    }

    public static StructType structFromJson(String json) {
        GlueType type = fromJson(json);
        if (type instanceof StructType struct) {
            return struct;
        }
        throw invalidInput("Schema must be a struct, not %s", type.typeName());
    }

    public static GlueType fromNode(JsonNode node) {
        if (node == null || !node.isObject() || !node.hasNonNull("dataType")) {
            throw invalidInput("Invalid schema JSON: expected an object with dataType, got %s", node);
        }
        String dataType = node.get("dataType").asText();
        switch (dataType) {
            case "struct": {
                List<Field> fields = new ArrayList<>();
                for (JsonNode field : node.path("fields")) {
                    fields.add(new Field(field.path("name").asText(), fromNode(field.get("container"))));
                }
                return new StructType(fields);
            }
            case "choice": {
                List<GlueType> choices = new ArrayList<>();
                for (JsonNode choice : node.path("choices")) {
                    choices.add(fromNode(choice));
                }
                return new ChoiceType(choices);
            }
            case "array":
                return new ArrayType(elementOrUnknown(node.get("elementType")));
            case "set":
                return new SetType(elementOrUnknown(node.get("elementType")));
            case "map":
                return new MapType(elementOrUnknown(node.get("valueType")));
            case "decimal":
                return new DecimalType(node.path("precision").asInt(10), node.path("scale").asInt(2));
            case "enum": {
                List<String> options = new ArrayList<>();
                node.path("options").forEach(option -> options.add(option.asText()));
                return new EnumType(options);
            }
            default:
                return AtomicType.fromTypeName(dataType)
                        .orElseThrow(() -> invalidInput("Unknown Glue type in schema JSON: %s", dataType));
        }
    }

    private static GlueType elementOrUnknown(JsonNode node) {
        return node == null || node.isNull() ? AtomicType.UNKNOWN : fromNode(node);
    }
}
