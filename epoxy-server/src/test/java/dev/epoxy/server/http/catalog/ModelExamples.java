package dev.epoxy.server.http.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.glue.model.ServiceModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fully populated, valid examples of model shapes: every member of every structure, nested; lists and
 * maps with two entries (or the shape's minimum); strings unique per position where the shape's pattern
 * allows, within its length bounds; the first enum value; numbers at their minimum or 7. Written from the
 * model alone, so that a new member of a shape appears in the example without a change here.
 */
final class ModelExamples {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 12;
    /** Values tried, in order, for a string whose pattern refuses the unique value. */
    private static final List<String> CANDIDATES = List.of(
            "a", "A", "1", "ab1", "example", "s3://bucket/prefix/", "arn:aws:iam::123456789012:role/example",
            "arn:aws:glue:us-east-1:123456789012:catalog", "123456789012", "2.0", "us-east-1", "x-1", "example.com", "0",
            "0a1b2c3d-0000-4000-8000-00000000abcd");

    private final ServiceModel model;
    private int counter;

    ModelExamples(ServiceModel model) {
        this.model = model;
    }

    ObjectNode example(String shapeName) {
        return (ObjectNode) value(shapeName, 0);
    }

    private JsonNode value(String shapeName, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("Shape nests deeper than " + MAX_DEPTH + ": " + shapeName);
        }
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        return switch (type) {
            case "structure" -> structure(shape, depth);
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                int size = Math.max(2, shape.path("min").asInt(0));
                size = shape.has("max") ? Math.min(size, shape.get("max").asInt()) : size;
                for (int i = 0; i < size; i++) {
                    list.add(value(shape.path("member").path("shape").asText(), depth + 1));
                }
                yield list;
            }
            case "map" -> {
                ObjectNode map = NODES.objectNode();
                int size = Math.max(2, shape.path("min").asInt(0));
                size = shape.has("max") ? Math.min(size, shape.get("max").asInt()) : size;
                for (int i = 0; i < size; i++) {
                    map.set(value(shape.path("key").path("shape").asText(), depth + 1).asText(), value(shape.path("value").path("shape").asText(), depth + 1));
                }
                yield map;
            }
            case "string" -> NODES.textNode(string(shapeName, shape));
            case "boolean" -> NODES.booleanNode(true);
            case "integer", "long" -> NODES.numberNode(Math.min(Math.max(7, shape.path("min").asLong(Long.MIN_VALUE)), shape.path("max").asLong(Long.MAX_VALUE)));
            case "double", "float" -> NODES.numberNode(new BigDecimal("1.5"));
            case "timestamp" -> NODES.numberNode(new BigDecimal("1700000000.123").add(BigDecimal.valueOf(counter++)));
            case "blob" -> NODES.textNode("ZXhhbXBsZQ==");
            default -> throw new IllegalStateException("Unknown type " + type + " of " + shapeName);
        };
    }

    private ObjectNode structure(JsonNode shape, int depth) {
        ObjectNode object = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> members = shape.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            object.set(member.getKey(), value(member.getValue().path("shape").asText(), depth + 1));
        }
        return object;
    }

    private String string(String shapeName, JsonNode shape) {
        if (shape.has("enum")) {
            return shape.get("enum").get(0).asText();
        }
        int min = shape.path("min").asInt(0);
        int max = shape.path("max").asInt(Integer.MAX_VALUE);
        Pattern pattern = shape.has("pattern") ? Pattern.compile(shape.get("pattern").asText()) : null;
        List<String> tried = new ArrayList<>();
        tried.add("value" + (counter++));
        tried.addAll(CANDIDATES);
        for (String candidate : tried) {
            String padded = candidate.length() < min ? candidate + "x".repeat(min - candidate.length()) : candidate;
            if (padded.length() <= max && (pattern == null || pattern.matcher(padded).matches())) {
                return padded;
            }
        }
        throw new IllegalStateException("No example string for shape " + shapeName + " (pattern " + shape.path("pattern").asText() + "); add a candidate");
    }
}
