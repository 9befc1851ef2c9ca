package dev.epoxy.server.http.crawler;

import static dev.epoxy.core.ErrorCode.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.glue.model.ShapeBinder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A crawler's stored definition: CreateCrawler's request projected onto {@code CreateCrawlerRequest} by
 * {@link ShapeBinder} (every member the model defines, nested, none that it does not), without
 * {@code Name} (the store's key) and {@code Tags} (in the tag store); UpdateCrawler merges its members
 * into it as AWS does. Answers are the definition projected onto the model's {@code Crawler}.
 */
final class CrawlerDocuments {
    /** Members of the request kept elsewhere: the name is the crawler's key, the tags live under its ARN. */
    private static final Set<String> KEPT_ELSEWHERE = Set.of("Name", "Tags");
    /** UpdateCrawler members whose empty string removes them (the model's DescriptionStringRemovable; Glue does the same for the prefix and schedule). */
    private static final Set<String> REMOVED_WHEN_EMPTY = Set.of("Description", "TablePrefix", "Schedule");
    /** UpdateCrawler members merged member by member: a policy that names only DeleteBehavior keeps the UpdateBehavior. */
    private static final Set<String> MERGED = Set.of("SchemaChangePolicy");

    private final ObjectMapper json = GlueJson.newObjectMapper();
    private final ServiceModel model;
    private final ShapeBinder binder;

    CrawlerDocuments(ServiceModel model) {
        this.model = model;
        this.binder = new ShapeBinder(model);
    }

    /** The definition CreateCrawler's request makes. */
    ObjectNode created(JsonNode request) {
        ObjectNode document = binder.project("CreateCrawlerRequest", request);
        document.remove(KEPT_ELSEWHERE);
        return document;
    }

    /** {@code current} with every member UpdateCrawler's request sends replaced, and the others kept. */
    ObjectNode updated(ObjectNode current, JsonNode request) {
        ObjectNode changes = binder.project("UpdateCrawlerRequest", request);
        ObjectNode merged = current.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> members = changes.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (KEPT_ELSEWHERE.contains(name)) {
                continue;
            }
            if (REMOVED_WHEN_EMPTY.contains(name) && value.isTextual() && value.asText().isEmpty()) {
                merged.remove(name);
            }
            else if (MERGED.contains(name) && value.isObject() && merged.get(name) instanceof ObjectNode stored) {
                stored.setAll((ObjectNode) value);
            }
            else {
                merged.set(name, value);
            }
        }
        return merged;
    }

    /** {@code value} projected onto a structure shape of the model. */
    ObjectNode project(String shape, JsonNode value) {
        return binder.project(shape, value);
    }

    /** The member names of a structure shape, in the model's order. */
    List<String> memberNames(String shape) {
        List<String> names = new ArrayList<>();
        model.shape(shape).path("members").fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    String write(JsonNode document) {
        try {
            return json.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot write a crawler document");
        }
    }

    ObjectNode read(String document) {
        try {
            return (ObjectNode) json.readTree(document);
        }
        catch (JsonProcessingException | ClassCastException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot read a stored crawler document");
        }
    }

    ObjectNode newObject() {
        return json.createObjectNode();
    }
}
