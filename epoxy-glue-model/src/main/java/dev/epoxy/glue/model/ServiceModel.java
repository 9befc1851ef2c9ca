package dev.epoxy.glue.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Glue service model bundled with Epoxy (a subset of botocore's {@code glue/2017-03-31}), read as
 * a JSON tree. Shapes are looked up by name; an operation's input shape is where validation starts.
 */
public final class ServiceModel {
    private static final String RESOURCE = "glue-2017-03-31.json";

    private final JsonNode operations;
    private final JsonNode shapes;

    private ServiceModel(JsonNode root) {
        this.operations = requireNonNull(root.get("operations"), "model has no operations");
        this.shapes = requireNonNull(root.get("shapes"), "model has no shapes");
    }

    /** The bundled Glue model. */
    public static ServiceModel glue() {
        try (InputStream input = ServiceModel.class.getResourceAsStream(RESOURCE)) {
            if (input == null) {
                throw new IllegalStateException("Glue service model resource is missing: " + RESOURCE);
            }
            return new ServiceModel(new ObjectMapper().readTree(input));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Glue service model", e);
        }
    }

    /** Names of the operations in the model. */
    public Set<String> operationNames() {
        Set<String> names = new TreeSet<>();
        operations.fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }

    /** The name of the operation's input shape; empty when the operation is not in the model or takes no input. */
    public Optional<String> inputShapeName(String operation) {
        return Optional.ofNullable(operations.get(operation))
                .map(node -> node.path("input").path("shape"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    /** The name of the operation's output shape; empty when the operation is not in the model or has no output. */
    public Optional<String> outputShapeName(String operation) {
        return Optional.ofNullable(operations.get(operation))
                .map(node -> node.path("output").path("shape"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    /** Every distinct pattern of the model's string shapes. */
    Set<String> patterns() {
        Set<String> patterns = new TreeSet<>();
        shapes.elements().forEachRemaining(shape -> {
            if (shape.has("pattern")) {
                patterns.add(shape.get("pattern").asText());
            }
        });
        return Set.copyOf(patterns);
    }

    /** The shape definition as botocore writes it; fails when the model does not define it. Callers must not modify it. */
    public JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("Shape not in the Glue service model: " + name);
        }
        return shape;
    }
}
