package dev.epoxy.glue.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Projects JSON onto a shape of the service model: a structure keeps exactly the members its shape
 * defines (recursively, each projected onto its member's shape) and drops the others, lists and maps
 * project their elements, timestamps become epoch seconds as the protocol writes them, and
 * {@code null}s disappear.
 *
 * <p>Why generic binding and not records: the catalog's shapes ({@code TableInput},
 * {@code StorageDescriptor}, {@code SerDeInfo}, {@code Column}, {@code SkewedInfo}, …) have dozens of
 * optional members, nested several levels deep, and grow with every botocore release. Hand-written (or
 * generated) records must be kept in step with the model, and a member missing from a record is dropped
 * without a trace. Projecting the request tree onto the model's own shapes keeps every member the model
 * defines, by construction, and a model update is the only change a new member needs. Projecting an
 * input shape onto its stored counterpart ({@code TableInput} onto {@code Table}) keeps the members the
 * two share by name, which is what AWS stores.
 *
 * <p>The input is expected to have passed {@link RequestValidator} (types are not re-checked here: a
 * value of the wrong JSON type is dropped rather than kept).
 */
public final class ShapeBinder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceModel model;

    public ShapeBinder(ServiceModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    /** The structure {@code value} projected onto the structure shape {@code shapeName}; an empty object when {@code value} is not an object. */
    public ObjectNode project(String shapeName, JsonNode value) {
        requireNonNull(shapeName, "shapeName is null");
        JsonNode shape = model.shape(shapeName);
        if (!"structure".equals(shape.path("type").asText())) {
            throw new IllegalArgumentException("Not a structure shape: " + shapeName);
        }
        JsonNode projected = projectValue(shapeName, value);
        return projected instanceof ObjectNode object ? object : NODES.objectNode();
    }

    /** Whether the structure shape defines a member of that name. */
    public boolean hasMember(String shapeName, String member) {
        return model.shape(shapeName).path("members").has(member);
    }

    /** The shape name of a member of a structure shape; fails when the shape has no such member. */
    public String memberShape(String shapeName, String member) {
        JsonNode target = model.shape(shapeName).path("members").path(member).path("shape");
        if (!target.isTextual()) {
            throw new IllegalArgumentException("Shape " + shapeName + " has no member " + member);
        }
        return target.asText();
    }

    /** The value projected onto any shape; {@code null} when nothing of it remains (absent, null or of the wrong type). */
    private JsonNode projectValue(String shapeName, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        return switch (type) {
            case "structure" -> projectStructure(shape, value);
            case "list" -> projectList(shape, value);
            case "map" -> projectMap(shape, value);
            case "timestamp" -> epochSeconds(value);
            case "string", "blob" -> value.isTextual() ? value : null;
            case "boolean" -> value.isBoolean() ? value : null;
            case "integer", "long", "double", "float" -> value.isNumber() ? value : null;
            default -> throw new IllegalStateException("Unknown shape type " + type + " of shape " + shapeName);
        };
    }

    private ObjectNode projectStructure(JsonNode shape, JsonNode value) {
        if (!value.isObject()) {
            return null;
        }
        ObjectNode result = NODES.objectNode();
        // In the model's member order, so that stored documents are written the same way every time.
        Iterator<Map.Entry<String, JsonNode>> members = shape.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode projected = projectValue(member.getValue().path("shape").asText(), value.get(member.getKey()));
            if (projected != null) {
                result.set(member.getKey(), projected);
            }
        }
        return result;
    }

    private ArrayNode projectList(JsonNode shape, JsonNode value) {
        if (!value.isArray()) {
            return null;
        }
        String elementShape = shape.path("member").path("shape").asText();
        ArrayNode result = NODES.arrayNode(value.size());
        for (JsonNode element : value) {
            JsonNode projected = projectValue(elementShape, element);
            if (projected != null) {
                result.add(projected);
            }
        }
        return result;
    }

    private ObjectNode projectMap(JsonNode shape, JsonNode value) {
        if (!value.isObject()) {
            return null;
        }
        String valueShape = shape.path("value").path("shape").asText();
        ObjectNode result = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode projected = projectValue(valueShape, entry.getValue());
            if (projected != null) {
                result.set(entry.getKey(), projected);
            }
        }
        return result;
    }

    /** Epoch seconds (a number, kept exactly) or an ISO-8601 string (as botocore may send) → epoch seconds with milliseconds. */
    private static JsonNode epochSeconds(JsonNode value) {
        if (value.isNumber()) {
            return NODES.numberNode(value.decimalValue());
        }
        if (value.isTextual()) {
            try {
                return NODES.numberNode(EpochSeconds.of(Instant.parse(value.asText())));
            }
            catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Epoch seconds of an instant as a JSON number, for the members the server sets. */
    public static JsonNode timestamp(Instant instant) {
        BigDecimal seconds = EpochSeconds.of(instant);
        return NODES.numberNode(seconds);
    }
}
