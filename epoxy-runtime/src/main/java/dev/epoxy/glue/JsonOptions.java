package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Options that crossed the Python boundary as a JSON object ({@code connection_options}, {@code
 * format_options}). Values are read leniently the way Glue scripts write them: {@code "true"} and
 * {@code true} are both booleans, a list option may be a list, one string, or a string holding a
 * JSON list (Glue's {@code exclusions}).
 */
public final class JsonOptions implements Serializable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode options;

    private JsonOptions(ObjectNode options) {
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * The options of a JSON object string; null or blank is no options.
     *
     * @throws GlueRuntimeException INVALID_INPUT if {@code json} is not a JSON object
     */
    public static JsonOptions parse(String json) {
        if (json == null || json.isBlank()) {
            return empty();
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw invalidInput("Options must be a JSON object: %s", json);
            }
            return new JsonOptions(object);
        } catch (JsonProcessingException e) {
            throw invalidInput("Invalid options JSON: %s", e.getOriginalMessage());
        }
    }

    /** No options. */
    public static JsonOptions empty() {
        return new JsonOptions(MAPPER.createObjectNode());
    }

    /** Whether {@code key} is set to a non-null value. */
    public boolean has(String key) {
        return options.hasNonNull(key);
    }

    /** The option as text (a non-string value as its JSON); empty when absent or null. */
    public Optional<String> getString(String key) {
        JsonNode value = options.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.isTextual() ? value.asText() : value.toString());
    }

    /** {@link #getString(String)}, or {@code defaultValue} when absent or null. */
    public String getString(String key, String defaultValue) {
        return getString(key).orElse(defaultValue);
    }

    /**
     * The option as a boolean ({@code true}, {@code "true"}, any case); {@code defaultValue} when
     * absent or null.
     *
     * @throws GlueRuntimeException INVALID_INPUT naming the option if it is neither true nor false
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        JsonNode value = options.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asText().trim().toLowerCase();
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw invalidInput("Option %s must be true or false: %s", key, value);
    }

    /**
     * The option as a long (a number or a numeric string); {@code defaultValue} when absent or null.
     *
     * @throws GlueRuntimeException INVALID_INPUT naming the option if it is not a number
     */
    public long getLong(String key, long defaultValue) {
        JsonNode value = options.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (value.canConvertToLong()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            throw invalidInput("Option %s must be a number: %s", key, value);
        }
    }

    /**
     * The option as a double (a number or a numeric string); {@code defaultValue} when absent or null.
     *
     * @throws GlueRuntimeException INVALID_INPUT naming the option if it is not a number
     */
    public double getDouble(String key, double defaultValue) {
        JsonNode value = options.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText().trim());
        } catch (NumberFormatException e) {
            throw invalidInput("Option %s must be a number: %s", key, value);
        }
    }

    /**
     * A list option: a JSON list, a single string, or a string holding a JSON list; empty when
     * absent or null.
     *
     * @throws GlueRuntimeException INVALID_INPUT naming the option if it is not a list
     */
    public List<String> getStringList(String key) {
        JsonNode value = options.get(key);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (text.startsWith("[")) {
                try {
                    value = MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    throw invalidInput("Option %s must be a JSON list: %s", key, text);
                }
            } else {
                result.add(value.asText());
                return result;
            }
        }
        if (!value.isArray()) {
            throw invalidInput("Option %s must be a list: %s", key, value);
        }
        for (JsonNode item : value) {
            result.add(item.asText());
        }
        return result;
    }

    /** A copy with {@code key} set to the string {@code value}. */
    public JsonOptions with(String key, String value) {
        ObjectNode copy = options.deepCopy();
        copy.put(key, value);
        return new JsonOptions(copy);
    }

    /** A copy with every option of {@code other} added, {@code other} winning on the same key. */
    public JsonOptions merge(JsonOptions other) {
        ObjectNode copy = options.deepCopy();
        copy.setAll(other.options);
        return new JsonOptions(copy);
    }

    /** The option names, in the order of the JSON object. */
    public Iterator<String> keys() {
        return options.fieldNames();
    }

    /** The raw JSON value of {@code key}; null when absent. */
    public JsonNode node(String key) {
        return options.get(key);
    }

    @Override
    public String toString() {
        return options.toString();
    }
}
