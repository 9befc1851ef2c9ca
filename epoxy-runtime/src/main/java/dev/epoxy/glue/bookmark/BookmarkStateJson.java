package dev.epoxy.glue.bookmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.glue.GlueRuntimeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON of a {@link BookmarkState}, documented in docs/bookmarks.md:
 *
 * <pre>{@code
 * {"version": 1, "job": "orders", "run_id": "jr_...",
 *  "sources": {
 *    "read_orders": {"kind": "s3", "high_water_mtime": 1764660000123,
 *                    "files_at_high_water": ["s3://bucket/in/b.json"], "paths": ["s3://bucket/in/"]},
 *    "read_customers": {"kind": "jdbc", "keys": ["id"], "sort_order": "asc", "last_values": [42]}}}
 * }</pre>
 */
public final class BookmarkStateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BookmarkStateJson() {}

    /** The state as a JSON object string, members and file lists sorted. */
    public static String write(BookmarkState state) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", BookmarkState.VERSION);
        root.put("job", state.job());
        if (state.runId().isPresent()) {
            root.put("run_id", state.runId().get());
        } else {
            root.putNull("run_id");
        }
        ObjectNode sources = root.putObject("sources");
        for (Map.Entry<String, SourceBookmark> source : state.sources().entrySet()) {
            sources.set(source.getKey(), sourceNode(source.getValue()));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a bookmark state as JSON", e);
        }
    }

    /**
     * The state of a JSON object string; {@code {}} (or no {@code sources}) is an empty state of {@code job}.
     *
     * @param origin where the JSON comes from, for messages
     * @throws GlueRuntimeException INVALID_INPUT for malformed JSON, another version, an unknown kind or a
     *     missing member, naming {@code origin}
     */
    public static BookmarkState read(String json, String job, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(origin, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(origin, "not a JSON object");
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.intValue() == BookmarkState.VERSION)) {
            throw invalid(origin, "version " + version + " is not " + BookmarkState.VERSION);
        }
        String stateJob = root.hasNonNull("job") ? root.get("job").asText() : job;
        Optional<String> runId = root.hasNonNull("run_id") ? Optional.of(root.get("run_id").asText()) : Optional.empty();
        Map<String, SourceBookmark> sources = new LinkedHashMap<>();
        JsonNode sourcesNode = root.get("sources");
        if (sourcesNode != null && !sourcesNode.isNull()) {
            if (!sourcesNode.isObject()) {
                throw invalid(origin, "sources is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = sourcesNode.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                sources.put(field.getKey(), source(field.getValue(), origin + ", source " + field.getKey()));
            }
        }
        return new BookmarkState(stateJob, runId, sources);
    }

    private static ObjectNode sourceNode(SourceBookmark bookmark) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", bookmark.kind());
        if (bookmark instanceof S3Bookmark s3) {
            node.put("high_water_mtime", s3.highWaterMtime());
            ArrayNode files = node.putArray("files_at_high_water");
            new TreeSet<>(s3.filesAtHighWater()).forEach(files::add);
            ArrayNode paths = node.putArray("paths");
            s3.paths().forEach(paths::add);
        } else if (bookmark instanceof JdbcBookmark jdbc) {
            ArrayNode keys = node.putArray("keys");
            jdbc.keys().forEach(keys::add);
            node.put("sort_order", jdbc.sortOrder().option());
            if (jdbc.lastValues().isEmpty()) {
                node.putNull("last_values");
                return node;
            }
            ArrayNode values = node.putArray("last_values");
            for (Object value : jdbc.lastValues().get()) {
                if (value instanceof Number number) {
                    values.add(new BigDecimal(number.toString()));
                } else if (value instanceof Boolean bool) {
                    values.add(bool);
                } else {
                    values.add((String) value);
                }
            }
        }
        return node;
    }

    private static SourceBookmark source(JsonNode node, String origin) {
        if (!node.isObject()) {
            throw invalid(origin, "not an object");
        }
        String kind = node.path("kind").asText("");
        try {
            return switch (kind) {
                case S3Bookmark.KIND -> new S3Bookmark(required(node, "high_water_mtime", origin).longValue(),
                        new HashSet<>(strings(node, "files_at_high_water", origin)), strings(node, "paths", origin));
                case JdbcBookmark.KIND -> new JdbcBookmark(strings(node, "keys", origin),
                        JdbcBookmark.SortOrder.fromOption(node.path("sort_order").asText("")), values(node, origin));
                default -> throw invalid(origin, "unknown kind " + (kind.isEmpty() ? "(none)" : kind) + "; Epoxy knows s3 and jdbc");
            };
        } catch (GlueRuntimeException e) {
            if (e.getMessage().startsWith("Invalid job bookmark")) {
                throw e;
            }
            throw invalid(origin, e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String member, String origin) {
        JsonNode value = node.get(member);
        if (value == null || !value.isIntegralNumber()) {
            throw invalid(origin, member + " is missing or not an integer");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String member, String origin) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(origin, member + " is not a list");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid(origin, member + " holds " + item + ", not a string");
            }
            result.add(item.asText());
        }
        return result;
    }

    private static Optional<List<Object>> values(JsonNode node, String origin) {
        JsonNode value = node.get("last_values");
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw invalid(origin, "last_values is not a list");
        }
        List<Object> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isIntegralNumber()) {
                result.add(item.bigIntegerValue().bitLength() < 64 ? (Object) item.longValue() : item.decimalValue());
            } else if (item.isNumber()) {
                result.add(item.decimalValue());
            } else if (item.isBoolean()) {
                result.add(item.booleanValue());
            } else if (item.isTextual()) {
                result.add(item.asText());
            } else {
                throw invalid(origin, "last_values holds " + item + ", not a number, string or boolean");
            }
        }
        return Optional.of(result);
    }

    private static GlueRuntimeException invalid(String origin, String problem) {
        return GlueRuntimeException.invalidInput("Invalid job bookmark state in %s: %s", origin, problem);
    }
}
