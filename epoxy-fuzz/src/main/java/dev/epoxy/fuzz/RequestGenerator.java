package dev.epoxy.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.glue.model.ServiceModel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the fuzzer's requests from the service model: for the operations the server implements (and
 * some it does not), valid requests, requests with one or more hostile members, malformed bodies, odd
 * headers, methods and paths, and STS Query requests. Deterministic: the same seed gives the same requests
 * for the same known values.
 */
final class RequestGenerator {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /**
     * The malformed bodies no server may accept: cut short, trailing data, two documents, invalid UTF-8,
     * unbalanced nesting, NaN, a number of thousands of digits, single quotes and comments,
     * and documents that are not objects. (A BOM, duplicate keys, deep nesting and escaped lone surrogates are JSON
     * that a server may read.)
     */
    private static final java.util.Set<Integer> MUST_FAIL = java.util.Set.of(0, 1, 2, 3, 4, 6, 8, 9, 10, 11, 14);

    private final ServiceModel model;
    private final ShapeValues values;
    private final List<String> implemented;
    private final List<String> unimplemented;
    private final String hostHeader;

    RequestGenerator(ServiceModel model, KnownValues known, List<String> implemented, List<String> unimplemented, String hostHeader) {
        this.model = model;
        this.values = new ShapeValues(model, known);
        this.implemented = List.copyOf(implemented);
        this.unimplemented = List.copyOf(unimplemented);
        this.hostHeader = hostHeader;
    }

    FuzzRequest next(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 40) {
            String operation = pick(implemented, random);
            return glue("valid", operation, body(validInput(operation, random), random));
        }
        if (roll < 66) {
            String operation = pick(implemented, random);
            return glue("invalid-member", operation, body(mutated(operation, random), random));
        }
        if (roll < 75) {
            String operation = pick(implemented, random);
            int variant = random.nextInt(16);
            FuzzRequest request = glue("malformed-body", operation, malformedBody(operation, variant, random));
            return MUST_FAIL.contains(variant) && request.body().length > 0 ? request.rejectable() : request;
        }
        if (roll < 85) {
            return oddHeaders(pick(implemented, random), random);
        }
        if (roll < 90) {
            return oddMethodOrPath(random);
        }
        if (roll < 94) {
            String operation = random.nextInt(4) == 0 || unimplemented.isEmpty() ? "No" + ShapeValues.letters(random, 6) : pick(unimplemented, random);
            JsonNode input = model.inputShapeName(operation).isPresent() ? validInput(operation, random) : NODES.objectNode();
            return glue("unimplemented", operation, body(input, random));
        }
        return sts(random);
    }

    /** A valid request for the operation (a known-good one when the operation takes no required members). */
    JsonNode validInput(String operation, SplittableRandom random) {
        // Deleting or stopping what the fuzzer keeps alive would make the next CreateSession launch a driver.
        values.useKnownValues(operation.startsWith("Delete") || operation.startsWith("Stop") ? 2 : 40);
        JsonNode input = model.inputShapeName(operation).map(shape -> values.valid(shape, random, 0)).orElse(NODES.objectNode());
        Examples.apply(operation, input, 70, random);
        return input;
    }

    /** A request with only the required members (and every example), the likeliest to be accepted. */
    JsonNode minimalInput(String operation, SplittableRandom random) {
        JsonNode input = validInput(operation, random);
        if (input instanceof ObjectNode object) {
            JsonNode shape = model.shape(model.inputShapeName(operation).orElseThrow());
            java.util.Set<String> required = new java.util.HashSet<>();
            shape.path("required").forEach(name -> required.add(name.asText()));
            object.retain(required);
        }
        Examples.apply(operation, input, 100, random);
        return input;
    }

    private JsonNode mutated(String operation, SplittableRandom random) {
        JsonNode request = validInput(operation, random);
        String shape = model.inputShapeName(operation).orElseThrow();
        int mutations = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        for (int i = 0; i < mutations; i++) {
            List<Slot> slots = new ArrayList<>();
            collectSlots(shape, request, slots, 0);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(random.nextInt(slots.size()));
            switch (random.nextInt(10)) {
                case 0 -> slot.remove();
                case 1 -> slot.set(NODES.nullNode());
                default -> slot.set(values.hostile(slot.shape(), random));
            }
        }
        if (random.nextInt(10) == 0 && request instanceof ObjectNode object) {
            object.put(ShapeValues.unicodeSoup(random, 8), "unknown member");
        }
        return request;
    }

    /** A place in a request where a member, element or map value of a known shape sits (or could sit). */
    private record Slot(JsonNode parent, String member, int index, String shape) {
        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(member, value);
            }
            else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(member);
            }
            else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private void collectSlots(String shapeName, JsonNode value, List<Slot> slots, int depth) {
        JsonNode shape = model.shape(shapeName);
        if (depth > 8 || value == null) {
            return;
        }
        switch (shape.path("type").asText()) {
            case "structure" -> {
                if (!(value instanceof ObjectNode object) || shape.path("document").asBoolean(false)) {
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> members = shape.path("members").fields();
                while (members.hasNext()) {
                    Map.Entry<String, JsonNode> member = members.next();
                    String memberShape = member.getValue().path("shape").asText();
                    slots.add(new Slot(object, member.getKey(), -1, memberShape));
                    collectSlots(memberShape, object.get(member.getKey()), slots, depth + 1);
                }
            }
            case "list" -> {
                if (value instanceof ArrayNode array) {
                    String member = shape.path("member").path("shape").asText();
                    for (int i = 0; i < array.size(); i++) {
                        slots.add(new Slot(array, null, i, member));
                        collectSlots(member, array.get(i), slots, depth + 1);
                    }
                }
            }
            case "map" -> {
                if (value instanceof ObjectNode object) {
                    String valueShape = shape.path("value").path("shape").asText();
                    List<String> keys = new ArrayList<>();
                    object.fieldNames().forEachRemaining(keys::add);
                    for (String key : keys) {
                        slots.add(new Slot(object, key, -1, valueShape));
                    }
                }
            }
            default -> {
            }
        }
    }

    private byte[] malformedBody(String operation, int variant, SplittableRandom random) {
        String valid = new String(body(validInput(operation, random), random), UTF_8);
        return switch (variant) {
            case 0 -> valid.substring(0, random.nextInt(Math.max(valid.length(), 1))).getBytes(UTF_8);
            case 1 -> (valid + "x").getBytes(UTF_8);
            case 2 -> (valid + valid).getBytes(UTF_8);
            case 3 -> new byte[] {'{', '"', 'I', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            case 4 -> new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'};
            case 5 -> ("\uFEFF" + valid).getBytes(UTF_8);
            case 6 -> "[".repeat(5_000 + random.nextInt(50_000)).getBytes(UTF_8);
            case 7 -> ("{\"a\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001)).getBytes(UTF_8);
            case 8 -> "{\"MaxResults\":NaN,\"Timeout\":Infinity,\"IdleTimeout\":-Infinity}".getBytes(UTF_8);
            case 9 -> ("{\"Id\":1" + "0".repeat(1_000 + random.nextInt(5_000)) + "}").getBytes(UTF_8);
            case 10 -> "{'Id':'single-quoted'} // comment".getBytes(UTF_8);
            case 11 -> new byte[] {'n', 'u', 'l', 'l'};
            case 12 -> " \t\r\n ".getBytes(UTF_8);
            case 13 -> ("{\"Id\":\"a\",\"Id\":\"b\",\"Id\":" + valid + "}").getBytes(UTF_8);
            case 14 -> "\"just a string\"".getBytes(UTF_8);
            default -> ("{\"\\ud800\":\"\\udfff\",\"\\u0000\":\"\\u0000\"," + valid.substring(1)).getBytes(UTF_8);
        };
    }

    private FuzzRequest oddHeaders(String operation, SplittableRandom random) {
        byte[] body = body(validInput(operation, random), random);
        List<Map.Entry<String, String>> headers = new ArrayList<>(standardHeaders("AWSGlue." + operation, body.length));
        boolean halfClose = false;
        byte[] sent = body;
        String variant;
        switch (random.nextInt(16)) {
            case 0 -> { variant = "no X-Amz-Target"; remove(headers, "X-Amz-Target"); }
            case 1 -> { variant = "lower-case target"; replace(headers, "X-Amz-Target", "awsglue." + operation.toLowerCase()); }
            case 2 -> { variant = "target without prefix"; replace(headers, "X-Amz-Target", operation); }
            case 3 -> { variant = "odd target"; replace(headers, "X-Amz-Target", "AWSGlue." + ShapeValues.unicodeSoup(random, 20).replaceAll("[\\r\\n]", "")); }
            case 4 -> { variant = "no Content-Type"; remove(headers, "Content-Type"); }
            case 5 -> {
                variant = "other Content-Type";
                String[] types = {"text/plain", "application/json", "application/x-amz-json-1.0", "multipart/form-data; boundary=x", "", "application/x-amz-json-1.1; charset=latin1", "*/*"};
                replace(headers, "Content-Type", types[random.nextInt(types.length)]);
            }
            case 6 -> {
                variant = "body shorter than Content-Length";
                replace(headers, "Content-Length", String.valueOf(body.length + 1 + random.nextInt(1_000)));
                halfClose = true;
            }
            case 7 -> { variant = "body longer than Content-Length"; replace(headers, "Content-Length", String.valueOf(Math.max(0, body.length / 2))); }
            case 8 -> {
                variant = "bad Content-Length";
                String[] lengths = {"-1", "abc", "99999999999999999999", "1, 2", " ", "0x10"};
                replace(headers, "Content-Length", lengths[random.nextInt(lengths.length)]);
            }
            case 9 -> { variant = "huge header"; headers.add(Map.entry("X-Filler", "f".repeat(10_000 + random.nextInt(100_000)))); }
            case 10 -> {
                variant = "many headers";
                for (int i = 0; i < 200 + random.nextInt(2_000); i++) {
                    headers.add(Map.entry("X-Header-" + i, "v"));
                }
            }
            case 11 -> {
                variant = "chunked body";
                remove(headers, "Content-Length");
                headers.add(Map.entry("Transfer-Encoding", "chunked"));
                sent = random.nextBoolean() ? chunked(body) : "zz\r\nbroken\r\n".getBytes(UTF_8);
            }
            case 12 -> { variant = "no Host"; remove(headers, "Host"); }
            case 13 -> { variant = "foreign Host"; replace(headers, "Host", "evil.example:80"); }
            case 14 -> { variant = "Expect 100-continue"; headers.add(Map.entry("Expect", "100-continue")); }
            default -> { variant = "two Content-Length"; headers.add(Map.entry("Content-Length", String.valueOf(body.length + 5))); }
        }
        return new FuzzRequest("odd-headers: " + variant, operation, "POST", "/", headers, sent, halfClose);
    }

    private FuzzRequest oddMethodOrPath(SplittableRandom random) {
        String[] methods = {"GET", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "FOO", "POST"};
        String[] paths = {"/", "/sessions", "//", "/../../etc/passwd", "/?Action=GetCallerIdentity", "/%ZZ", "/%00", "/a;b", "*",
            "/" + "p".repeat(20_000), "http://127.0.0.1/", "/\u00e9"};
        String method = methods[random.nextInt(methods.length)];
        String path = paths[random.nextInt(paths.length)];
        byte[] body = method.equals("GET") || method.equals("HEAD") ? new byte[0] : "{}".getBytes(UTF_8);
        return new FuzzRequest("method-or-path", "ListSessions", method, path, standardHeaders("AWSGlue.ListSessions", body.length), body, false);
    }

    private FuzzRequest sts(SplittableRandom random) {
        String[] bodies = {
            "Action=GetCallerIdentity&Version=2011-06-15",
            "Action=GetCallerIdentity&Version=2011-06-15&Extra=" + ShapeValues.letters(random, 10),
            "Action=AssumeRole&Version=2011-06-15",
            "Action=" + ShapeValues.unicodeSoup(random, 30),
            "Action=GetCallerIdentity&Version=2011-06-15&X=%01%02%1b%7f",
            "Action=%00%01%02%ff&Version=%ZZ",
            "Action=GetCallerIdentity&Version=" + "9".repeat(10_000),
            "",
            "&&&==&",
        };
        // Rarely, a body over the server's 8 MiB limit: the refusal must still be STS XML.
        byte[] body = random.nextInt(40) == 0
                ? ("Action=GetCallerIdentity&Version=2011-06-15&Pad=" + "p".repeat(8 * 1024 * 1024)).getBytes(UTF_8)
                : bodies[random.nextInt(bodies.length)].getBytes(UTF_8);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", hostHeader));
        headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
        headers.add(Map.entry("Content-Length", String.valueOf(body.length)));
        headers.add(Map.entry("Connection", "close"));
        if (random.nextBoolean()) {
            // Printable ASCII only: a header Jetty cannot parse never reaches STS, so its (JSON) refusal is no STS answer.
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                key.append((char) ('!' + random.nextInt('~' - '!' + 1)));
            }
            headers.add(Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/20240101/us-east-1/sts/aws4_request"));
        }
        return new FuzzRequest("sts", "STS", "POST", "/", headers, body, false);
    }

    FuzzRequest glue(String category, String operation, byte[] body) {
        return new FuzzRequest(category, operation, "POST", "/", standardHeaders("AWSGlue." + operation, body.length), body, false);
    }

    private List<Map.Entry<String, String>> standardHeaders(String target, int length) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", hostHeader));
        headers.add(Map.entry("X-Amz-Target", target));
        headers.add(Map.entry("Content-Type", CONTENT_TYPE));
        headers.add(Map.entry("Content-Length", String.valueOf(length)));
        headers.add(Map.entry("Connection", "close"));
        return headers;
    }

    /** The JSON text of a request, half the time with every non-ASCII character escaped (the only way to send a lone surrogate). */
    static byte[] body(JsonNode request, SplittableRandom random) {
        try {
            if (random.nextBoolean()) {
                return ASCII.writeValueAsBytes(request);
            }
            return PLAIN.writeValueAsBytes(request);
        }
        catch (Exception e) {
            try {
                return ASCII.writeValueAsBytes(request);
            }
            catch (Exception again) {
                throw new IllegalStateException("Cannot write a generated request", again);
            }
        }
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(UTF_8));
        out.writeBytes(body);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }

    private static void remove(List<Map.Entry<String, String>> headers, String name) {
        headers.removeIf(header -> header.getKey().equalsIgnoreCase(name));
    }

    private static void replace(List<Map.Entry<String, String>> headers, String name, String value) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getKey().equalsIgnoreCase(name)) {
                headers.set(i, Map.entry(name, value));
            }
        }
    }

    private static String pick(List<String> names, SplittableRandom random) {
        return names.get(random.nextInt(names.size()));
    }
}
