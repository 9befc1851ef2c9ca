package dev.epoxy.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.glue.model.ServiceModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Values for the model's shapes: valid ones (every required member, some optional ones, lengths, ranges,
 * enums and patterns respected) and hostile ones (boundaries just outside, wrong JSON types, huge and odd
 * Unicode strings, numbers no type can hold). Everything comes from the bundled model.
 */
final class ShapeValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;
    private static final String[] ODD_STRINGS = {
        "", " ", "\u0000", "a\u0000b", "\u0001\u0002\u001f\u007f", "\t\r\n", "\uD800", "x\uDC00y", "\uDBFF\uDFFF", "\uD83D\uDE80",
        "\u202Eevil", "e\u0301\u0301\u0301", "\uFEFF", "\uFFFF\uFFFE", "%s%n%x%d%%", "{0}{1}", "\\", "\"", "'", "<xml>&amp;</xml>",
        "../../etc", "null", "true", "-1", "1e400", "NaN", "Infinity", "\u4E2D\u6587", "\u0645\u0631\u062D\u0628\u0627", "\u00e9",
    };

    private final ServiceModel model;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    private final Map<String, RegexSampler> samplers = new ConcurrentHashMap<>();
    private final KnownValues known;
    private int knownPercent = 40;

    ShapeValues(ServiceModel model, KnownValues known) {
        this.model = model;
        this.known = known;
    }

    /** How often (in percent) a string member takes a value the server knows, such as a live session's id. */
    void useKnownValues(int percent) {
        this.knownPercent = percent;
    }

    /** A valid value of the shape (a good guess where a pattern is too complex to sample). */
    JsonNode valid(String shapeName, SplittableRandom random, int depth) {
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        return switch (type) {
            case "structure" -> validStructure(shape, random, depth);
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                int size = depth >= MAX_DEPTH ? (int) shape.path("min").asLong(0) : size(shape, random, 3);
                String member = shape.path("member").path("shape").asText();
                for (int i = 0; i < size; i++) {
                    list.add(valid(member, random, depth + 1));
                }
                yield list;
            }
            case "map" -> {
                ObjectNode map = NODES.objectNode();
                int size = depth >= MAX_DEPTH ? (int) shape.path("min").asLong(0) : size(shape, random, 3);
                String keyShape = shape.path("key").path("shape").asText();
                String valueShape = shape.path("value").path("shape").asText();
                for (int i = 0; i < size; i++) {
                    map.set(validString(keyShape, model.shape(keyShape), random), valid(valueShape, random, depth + 1));
                }
                yield map;
            }
            case "string" -> NODES.textNode(validString(shapeName, shape, random));
            case "integer", "long" -> NODES.numberNode(validWhole(shape, random));
            case "double", "float" -> NODES.numberNode(validWhole(shape, random).doubleValue() + (random.nextBoolean() ? 0.5 : 0.0));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "timestamp" -> NODES.numberNode(new BigDecimal(1_600_000_000L + random.nextInt(100_000_000)).movePointLeft(0));
            case "blob" -> NODES.textNode("ZXBveHk=");
            default -> NODES.nullNode();
        };
    }

    private ObjectNode validStructure(JsonNode shape, SplittableRandom random, int depth) {
        ObjectNode object = NODES.objectNode();
        if (shape.path("document").asBoolean(false)) {
            return object;
        }
        List<String> required = new ArrayList<>();
        shape.path("required").forEach(name -> required.add(name.asText()));
        Iterator<Map.Entry<String, JsonNode>> members = shape.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            boolean include = required.contains(member.getKey()) || (depth < MAX_DEPTH && random.nextInt(3) == 0);
            if (include) {
                object.set(member.getKey(), valid(member.getValue().path("shape").asText(), random, depth + 1));
            }
        }
        return object;
    }

    String validString(String shapeName, JsonNode shape, SplittableRandom random) {
        if (shape.has("enum")) {
            JsonNode values = shape.get("enum");
            return values.get(random.nextInt(values.size())).asText();
        }
        if (random.nextInt(100) < knownPercent) {
            List<String> candidates = known.valuesOf(shapeName);
            if (!candidates.isEmpty()) {
                return candidates.get(random.nextInt(candidates.size()));
            }
        }
        long min = shape.path("min").asLong(0);
        long max = shape.path("max").asLong(Math.max(min, 24));
        String candidate = "";
        for (int attempt = 0; attempt < 8; attempt++) {
            if (shape.has("pattern")) {
                String pattern = shape.get("pattern").asText();
                candidate = samplers.computeIfAbsent(pattern, RegexSampler::of).sample(random, (int) Math.min(max, 4 + attempt * 4));
            }
            else {
                candidate = letters(random, (int) Math.min(max, min + random.nextInt(12)));
            }
            long length = candidate.codePointCount(0, candidate.length());
            if (length >= min && length <= max && matches(shape, candidate)) {
                return candidate;
            }
        }
        return candidate;
    }

    /** A hostile value for the shape: valid in JSON terms, wrong for the model, or at its very edge. */
    JsonNode hostile(String shapeName, SplittableRandom random) {
        JsonNode shape = model.shape(shapeName);
        if (random.nextInt(6) == 0) {
            return wrongType(shape.path("type").asText(), random);
        }
        return switch (shape.path("type").asText()) {
            case "string" -> NODES.textNode(hostileString(shape, random));
            case "integer", "long", "double", "float", "timestamp" -> hostileNumber(shape, random);
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                int size = (int) Math.min(shape.path("max").asLong(60) + 1, 300);
                String member = shape.path("member").path("shape").asText();
                for (int i = 0; i < size; i++) {
                    list.add(random.nextInt(20) == 0 ? NODES.nullNode() : valid(member, random, MAX_DEPTH));
                }
                yield list;
            }
            case "map" -> {
                ObjectNode map = NODES.objectNode();
                int size = random.nextBoolean() ? (int) Math.min(shape.path("max").asLong(60) + 1, 300) : 1;
                for (int i = 0; i < size; i++) {
                    String key = random.nextInt(3) == 0 ? ODD_STRINGS[random.nextInt(ODD_STRINGS.length)] + i : "k" + i;
                    map.set(key, random.nextInt(10) == 0 ? NODES.nullNode() : NODES.textNode(hostileString(NODES.objectNode(), random)));
                }
                yield map;
            }
            default -> wrongType(shape.path("type").asText(), random);
        };
    }

    String hostileString(JsonNode shape, SplittableRandom random) {
        long min = shape.path("min").asLong(0);
        long max = shape.path("max").asLong(256);
        if (shape.has("pattern") && random.nextInt(9) == 0) {
            // The longest value the pattern and the maximum length allow: valid, but as long as it gets.
            String longest = samplers.computeIfAbsent(shape.get("pattern").asText(), RegexSampler::of).sample(random, (int) Math.min(max, 20_000));
            return longest.length() > max ? longest.substring(0, (int) max) : longest;
        }
        return switch (random.nextInt(9)) {
            case 0 -> ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
            case 1 -> letters(random, (int) Math.min(max + 1, 500_000));
            case 2 -> letters(random, (int) Math.min(max, 500_000));
            case 3 -> min > 0 ? letters(random, (int) min - 1) : "";
            case 4 -> "a.".repeat(10_000 + random.nextInt(20_000));
            case 5 -> huge(random);
            case 6 -> "x" + ODD_STRINGS[random.nextInt(ODD_STRINGS.length)] + "y";
            case 7 -> unicodeSoup(random, 1 + random.nextInt(300));
            default -> "NOT-" + letters(random, 6);
        };
    }

    private JsonNode hostileNumber(JsonNode shape, SplittableRandom random) {
        List<JsonNode> choices = new ArrayList<>();
        if (shape.has("min")) {
            choices.add(NODES.numberNode(shape.get("min").decimalValue().subtract(BigDecimal.ONE)));
            choices.add(NODES.numberNode(shape.get("min").decimalValue()));
        }
        if (shape.has("max")) {
            choices.add(NODES.numberNode(shape.get("max").decimalValue().add(BigDecimal.ONE)));
            choices.add(NODES.numberNode(shape.get("max").decimalValue()));
        }
        choices.add(NODES.numberNode(Integer.MAX_VALUE));
        choices.add(NODES.numberNode((long) Integer.MAX_VALUE + 1));
        choices.add(NODES.numberNode(Integer.MIN_VALUE));
        choices.add(NODES.numberNode(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)));
        choices.add(NODES.numberNode(new BigDecimal("1e400")));
        choices.add(NODES.numberNode(new BigDecimal("-1e400")));
        choices.add(NODES.numberNode(new BigDecimal("1e-400")));
        choices.add(NODES.numberNode(new BigDecimal("1e999999999")));
        choices.add(NODES.numberNode(new BigInteger("9".repeat(400))));
        choices.add(NODES.numberNode(Double.MAX_VALUE));
        choices.add(NODES.numberNode(-0.0));
        choices.add(NODES.numberNode(1.5));
        choices.add(NODES.numberNode(-1));
        choices.add(NODES.numberNode(0));
        return choices.get(random.nextInt(choices.size()));
    }

    JsonNode wrongType(String type, SplittableRandom random) {
        List<JsonNode> choices = new ArrayList<>(List.of(NODES.textNode("text"), NODES.numberNode(7), NODES.booleanNode(true),
                NODES.arrayNode().add(1).add("two"), NODES.objectNode().put("Nested", "x"), NODES.numberNode(2.5), NODES.textNode("")));
        choices.removeIf(node -> sameType(type, node));
        return choices.get(random.nextInt(choices.size()));
    }

    private static boolean sameType(String type, JsonNode node) {
        return switch (type) {
            case "string", "blob" -> node.isTextual();
            case "structure", "map" -> node.isObject();
            case "list" -> node.isArray();
            case "boolean" -> node.isBoolean();
            case "double", "float", "timestamp" -> node.isNumber();
            case "integer", "long" -> node.isIntegralNumber();
            default -> false;
        };
    }

    private boolean matches(JsonNode shape, String candidate) {
        if (!shape.has("pattern")) {
            return true;
        }
        // Candidates are short (a few hundred characters at most), so java.util.regex is safe here.
        return patterns.computeIfAbsent(shape.get("pattern").asText(), Pattern::compile).matcher(candidate).matches();
    }

    private static int size(JsonNode shape, SplittableRandom random, int typical) {
        int min = (int) shape.path("min").asLong(0);
        int max = (int) Math.min(shape.path("max").asLong(min + typical), min + typical);
        return min + random.nextInt(Math.max(max - min, 0) + 1);
    }

    private static BigInteger validWhole(JsonNode shape, SplittableRandom random) {
        long min = shape.has("min") ? shape.get("min").asLong() : 0;
        long max = shape.has("max") ? shape.get("max").asLong() : min + 10;
        long span = Math.max(max - min, 0);
        long offset = random.nextInt(4) == 0 ? (random.nextBoolean() ? 0 : span) : random.nextLong(Math.min(span, 1_000) + 1);
        return BigInteger.valueOf(min + offset);
    }

    static String letters(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(Math.max(length, 0));
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static String huge(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> "\uD83D\uDE80".repeat(100_000 + random.nextInt(100_000));
            case 1 -> "x".repeat(1_000_000);
            default -> unicodeSoup(random, 50_000);
        };
    }

    /** Arbitrary code points, control characters, lone surrogates and noncharacters included. */
    static String unicodeSoup(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> out.append((char) random.nextInt(0x20));
                case 1 -> out.append((char) (0xD800 + random.nextInt(0x800)));
                case 2 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
                case 3 -> out.append((char) random.nextInt(0x10000));
                default -> out.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return out.toString();
    }
}
