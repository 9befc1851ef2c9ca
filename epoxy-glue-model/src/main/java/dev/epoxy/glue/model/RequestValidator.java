package dev.epoxy.glue.model;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.epoxy.glue.model.RequestValidationException.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a request's JSON against the constraints of its operation's input shape, recursively:
 * required members, JSON types, string lengths and patterns, enums, numeric ranges, list and map sizes,
 * and map keys and values. Members the model does not know are ignored, as AWS ignores them; a JSON
 * {@code null} counts as absent.
 *
 * <p>A wrong JSON type fails at once with {@link Kind#WRONG_TYPE}. Constraint violations are collected
 * and reported together with {@link Kind#CONSTRAINT}, in AWS's words:
 * {@code 1 validation error detected: Value 'G.9X' at 'WorkerType' failed to satisfy constraint: ...}.
 * Member paths are the wire names joined with dots; list elements are numbered from 1, as AWS does.
 *
 * <p>Numbers are judged by their exact decimal value: a member that cannot hold the value (an integer
 * beyond 32 bits, a double beyond {@link Double#MAX_VALUE} such as {@code 1e400}, which Jackson reads
 * as Infinity) is a {@link Kind#WRONG_TYPE}, never a value silently turned into {@code Infinity}.
 */
public final class RequestValidator {
    private static final int MAX_ECHOED_LENGTH = 128;
    private static final int MAX_LISTED_VIOLATIONS = 10;
    private static final BigDecimal MIN_INT = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MAX_DOUBLE = new BigDecimal(Double.MAX_VALUE);
    /** The seconds {@link EpochSeconds} can read (as epoch milliseconds in a long), either side of the epoch. */
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1000);

    private final ServiceModel model;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public RequestValidator(ServiceModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    /**
     * Validates {@code request} as the input of {@code operation}.
     *
     * @throws IllegalArgumentException if the model has no such operation
     * @throws RequestValidationException if the request does not match the model
     */
    public void validate(String operation, JsonNode request) {
        requireNonNull(request, "request is null");
        String inputShape = model.inputShapeName(operation)
                .orElseThrow(() -> new IllegalArgumentException("Operation has no input in the service model: " + operation));
        if (!request.isObject()) {
            throw new RequestValidationException(Kind.WRONG_TYPE, format("Request body of %s must be a JSON object", operation));
        }
        List<String> violations = new ArrayList<>();
        validateStructure(inputShape, model.shape(inputShape), request, "", violations);
        if (!violations.isEmpty()) {
            String count = violations.size() == 1 ? "1 validation error detected: " : violations.size() + " validation errors detected: ";
            // The first few name the culprits; listing all would let one request make the message as long as it likes.
            String listed = String.join("; ", violations.subList(0, Math.min(violations.size(), MAX_LISTED_VIOLATIONS)));
            String more = violations.size() > MAX_LISTED_VIOLATIONS ? "; and " + (violations.size() - MAX_LISTED_VIOLATIONS) + " more" : "";
            throw new RequestValidationException(Kind.CONSTRAINT, count + listed + more);
        }
    }

    /** Validates one value against a named shape, for tests of single shapes. */
    void validateShape(String shapeName, JsonNode value) {
        List<String> violations = new ArrayList<>();
        validateValue(shapeName, value, shapeName, violations);
        if (!violations.isEmpty()) {
            throw new RequestValidationException(Kind.CONSTRAINT, String.join("; ", violations));
        }
    }

    private void validateValue(String shapeName, JsonNode value, String path, List<String> violations) {
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> validateStructure(shapeName, shape, value, path, violations);
            case "list" -> validateList(shape, value, path, violations);
            case "map" -> validateMap(shape, value, path, violations);
            case "string" -> validateString(shape, value, path, violations);
            case "integer" -> validateInteger(shape, value, path, violations, MIN_INT, MAX_INT, "integer");
            case "long" -> validateInteger(shape, value, path, violations, MIN_LONG, MAX_LONG, "long");
            case "double", "float" -> validateDouble(shape, value, path, violations);
            case "boolean" -> requireType(value.isBoolean(), "boolean", value, path);
            case "timestamp" -> validateTimestamp(value, path);
            case "blob" -> requireType(value.isTextual(), "blob", value, path);
            default -> throw new IllegalStateException(format("Shape %s has an unsupported type: %s", shapeName, type));
        }
    }

    private void validateStructure(String shapeName, JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (shape.path("document").asBoolean(false)) {
            return;
        }
        requireType(value.isObject(), "structure", value, path);
        JsonNode members = shape.path("members");
        for (JsonNode required : shape.path("required")) {
            JsonNode member = value.get(required.asText());
            if (member == null || member.isNull()) {
                violations.add(format("Value null at '%s' failed to satisfy constraint: Member must not be null", join(path, required.asText())));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode member = members.get(field.getKey());
            if (member == null || field.getValue().isNull()) {
                continue;
            }
            validateValue(member.path("shape").asText(), field.getValue(), join(path, field.getKey()), violations);
        }
    }

    private void validateList(JsonNode shape, JsonNode value, String path, List<String> violations) {
        requireType(value.isArray(), "list", value, path);
        checkSize(shape, value.size(), path, violations);
        String memberShape = shape.path("member").path("shape").asText();
        int index = 1;
        for (JsonNode element : value) {
            String elementPath = path + "." + index++;
            if (element.isNull()) {
                violations.add(format("Value null at '%s' failed to satisfy constraint: Member must not be null", elementPath));
                continue;
            }
            validateValue(memberShape, element, elementPath, violations);
        }
    }

    private void validateMap(JsonNode shape, JsonNode value, String path, List<String> violations) {
        requireType(value.isObject(), "map", value, path);
        checkSize(shape, value.size(), path, violations);
        String keyShapeName = shape.path("key").path("shape").asText();
        String valueShapeName = shape.path("value").path("shape").asText();
        JsonNode keyShape = model.shape(keyShapeName);
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            List<String> keyViolations = new ArrayList<>();
            stringConstraints(keyShape, entry.getKey(), keyViolations);
            if (!keyViolations.isEmpty()) {
                violations.add(format("Value '%s' at '%s' failed to satisfy constraint: Map keys must satisfy constraint: [%s]",
                        echo(keyShape, entry.getKey()), path, String.join(", ", keyViolations)));
            }
            String entryPath = path + "." + entry.getKey();
            if (entry.getValue().isNull()) {
                violations.add(format("Value null at '%s' failed to satisfy constraint: Member must not be null", entryPath));
                continue;
            }
            validateValue(valueShapeName, entry.getValue(), entryPath, violations);
        }
    }

    private void validateString(JsonNode shape, JsonNode value, String path, List<String> violations) {
        requireType(value.isTextual(), "string", value, path);
        List<String> failures = new ArrayList<>();
        stringConstraints(shape, value.asText(), failures);
        for (String failure : failures) {
            violations.add(describe(shape, value.asText(), path, failure));
        }
    }

    /**
     * Adds one "Member must …" phrase per broken constraint of a string shape. The pattern runs only
     * when the length is within bounds: a value already rejected for its length is not matched at all,
     * so no pattern ever sees more than its shape's maximum length.
     */
    private void stringConstraints(JsonNode shape, String text, List<String> failures) {
        // Smithy counts string length in Unicode code points, not UTF-16 units.
        int length = text.codePointCount(0, text.length());
        boolean lengthFailed = false;
        if (shape.has("min") && length < shape.get("min").asLong()) {
            failures.add("Member must have length greater than or equal to " + shape.get("min").asLong());
            lengthFailed = true;
        }
        if (shape.has("max") && length > shape.get("max").asLong()) {
            failures.add("Member must have length less than or equal to " + shape.get("max").asLong());
            lengthFailed = true;
        }
        if (!lengthFailed && shape.has("pattern") && !pattern(shape.get("pattern").asText()).matcher(text).matches()) {
            failures.add("Member must satisfy regular expression pattern: " + shape.get("pattern").asText());
        }
        if (shape.has("enum")) {
            List<String> values = StreamSupport.stream(shape.get("enum").spliterator(), false).map(JsonNode::asText).toList();
            if (!values.contains(text)) {
                failures.add(values.stream().collect(Collectors.joining(", ", "Member must satisfy enum value set: [", "]")));
            }
        }
    }

    private void validateInteger(JsonNode shape, JsonNode value, String path, List<String> violations, BigDecimal lowest, BigDecimal highest, String typeName) {
        requireType(value.isNumber(), typeName, value, path);
        BigDecimal number = exactValue(value, typeName, path);
        // Range before anything that expands the number: 1e999999999 is whole, but has a billion digits.
        requireType(number.compareTo(lowest) >= 0 && number.compareTo(highest) <= 0 && isWhole(number), typeName, value, path);
        BigDecimal whole = number.setScale(0);
        checkRange(shape, whole, whole.toPlainString(), path, violations);
    }

    private void validateDouble(JsonNode shape, JsonNode value, String path, List<String> violations) {
        requireType(value.isNumber(), "double", value, path);
        BigDecimal number = exactValue(value, "double", path);
        // A value beyond the largest double would be read as Infinity, which JSON cannot carry back.
        requireType(number.abs().compareTo(MAX_DOUBLE) <= 0, "double", value, path);
        checkRange(shape, number, text(value), path, violations);
    }

    private static void validateTimestamp(JsonNode value, String path) {
        requireType(value.isNumber() || value.isTextual(), "timestamp", value, path);
        if (value.isNumber()) {
            BigDecimal seconds = exactValue(value, "timestamp", path);
            requireType(seconds.abs().compareTo(MAX_EPOCH_SECONDS) <= 0, "timestamp", value, path);
        }
    }

    /** The exact value of a JSON number; a non-finite double (Jackson reads {@code 1e400} as Infinity) is the wrong type. */
    private static BigDecimal exactValue(JsonNode value, String typeName, String path) {
        if (value.isDouble() || value.isFloat()) {
            double number = value.doubleValue();
            requireType(Double.isFinite(number), typeName, value, path);
            return BigDecimal.valueOf(number);
        }
        return value.decimalValue();
    }

    private static void checkRange(JsonNode shape, BigDecimal number, String text, String path, List<String> violations) {
        if (shape.has("min") && number.compareTo(shape.get("min").decimalValue()) < 0) {
            violations.add(format("Value '%s' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %s", text, path, shape.get("min").asText()));
        }
        if (shape.has("max") && number.compareTo(shape.get("max").decimalValue()) > 0) {
            violations.add(format("Value '%s' at '%s' failed to satisfy constraint: Member must have value less than or equal to %s", text, path, shape.get("max").asText()));
        }
    }

    private static void checkSize(JsonNode shape, int size, String path, List<String> violations) {
        if (shape.has("min") && size < shape.get("min").asLong()) {
            violations.add(format("Value with %s elements at '%s' failed to satisfy constraint: Member must have length greater than or equal to %s", size, path, shape.get("min").asLong()));
        }
        if (shape.has("max") && size > shape.get("max").asLong()) {
            violations.add(format("Value with %s elements at '%s' failed to satisfy constraint: Member must have length less than or equal to %s", size, path, shape.get("max").asLong()));
        }
    }

    private static String describe(JsonNode shape, String text, String path, String failure) {
        if (shape.path("sensitive").asBoolean(false) || text.length() > MAX_ECHOED_LENGTH) {
            // AWS leaves sensitive values out of messages; very long ones would swamp the message.
            return format("Value at '%s' failed to satisfy constraint: %s", path, failure);
        }
        return format("Value '%s' at '%s' failed to satisfy constraint: %s", text, path, failure);
    }

    private static String echo(JsonNode shape, String text) {
        if (shape.path("sensitive").asBoolean(false)) {
            return "***";
        }
        return EchoedText.shortened(text, MAX_ECHOED_LENGTH);
    }

    private static void requireType(boolean matches, String expected, JsonNode value, String path) {
        if (!matches) {
            String where = path.isEmpty() ? "the request" : "'" + path + "'";
            throw new RequestValidationException(Kind.WRONG_TYPE, format("Cannot read %s: expected a JSON %s but found %s", where, jsonTypeOf(expected), jsonTypeOf(value)));
        }
    }

    private static String jsonTypeOf(String modelType) {
        return switch (modelType) {
            case "structure", "map" -> "object";
            case "list" -> "array";
            case "integer" -> "whole number within 32 bits";
            case "long" -> "whole number within 64 bits";
            case "double" -> "number within the range of a double";
            case "timestamp" -> "number of epoch seconds or string";
            case "blob" -> "base64 string";
            default -> modelType;
        };
    }

    private static String jsonTypeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            // Jackson reads a number beyond the double range, written with a fraction or exponent, as Infinity.
            case NUMBER -> (value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())
                    ? "a number beyond the range of a double"
                    : "the number " + text(value);
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    /** A number as the client wrote it, shortened: a 400-digit number is not worth echoing whole. */
    private static String text(JsonNode value) {
        String text = value.isBigDecimal() ? value.decimalValue().toString() : value.asText();
        return EchoedText.shortened(text, MAX_ECHOED_LENGTH);
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, model -> Pattern.compile(ModelPatterns.toRe2(model)));
    }
}
