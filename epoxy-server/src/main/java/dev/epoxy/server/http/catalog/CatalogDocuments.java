package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.glue.model.ShapeBinder;

/**
 * The catalog's stored documents: request members projected onto the model's shapes by
 * {@link ShapeBinder} (an input shape first onto itself, dropping members it does not define, then onto
 * its stored counterpart: {@code DatabaseInput} onto {@code Database}, {@code TableInput} onto
 * {@code Table}), written as JSON text for the store and read back as trees for answers.
 */
final class CatalogDocuments {
    private final ObjectMapper json = GlueJson.newObjectMapper();
    private final ShapeBinder binder;

    CatalogDocuments(ServiceModel model) {
        this.binder = new ShapeBinder(model);
    }

    /** {@code input} (of shape {@code inputShape}) as a fresh {@code storedShape} document holding the members both define. */
    ObjectNode bind(String inputShape, String storedShape, JsonNode input) {
        return binder.project(storedShape, binder.project(inputShape, input));
    }

    ObjectNode project(String shape, JsonNode value) {
        return binder.project(shape, value);
    }

    String write(JsonNode document) {
        try {
            return json.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot write a catalog document");
        }
    }

    ObjectNode read(String document) {
        try {
            return (ObjectNode) json.readTree(document);
        }
        catch (JsonProcessingException | ClassCastException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot read a stored catalog document");
        }
    }

    ObjectNode newObject() {
        return json.createObjectNode();
    }
}
