package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Lists of field paths as they cross from Python (a JSON list of strings). */
final class Paths {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Paths() {}

    static List<FieldPath> parse(String pathsJson, String parameter) {
        JsonNode root;
        try {
            root = MAPPER.readTree(pathsJson);
        } catch (JsonProcessingException e) {
            throw invalidInput("%s must be a list of field paths: %s", parameter, pathsJson);
        }
        List<FieldPath> paths = new ArrayList<>();
        if (root != null && root.isTextual()) {
            paths.add(FieldPath.parse(root.asText()));
            return paths;
        }
        if (root == null || !root.isArray()) {
            throw invalidInput("%s must be a list of field paths: %s", parameter, pathsJson);
        }
        for (JsonNode path : root) {
            if (!path.isTextual()) {
                throw invalidInput("%s must contain strings, got %s", parameter, path);
            }
            paths.add(FieldPath.parse(path.asText()));
        }
        return paths;
    }
}
