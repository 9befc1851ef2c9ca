package dev.epoxy.server.http;

import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.tag.TagStore;
import dev.epoxy.server.http.session.SessionOperations;
import dev.epoxy.server.http.tag.TagOperations;
import dev.epoxy.server.http.tag.TaggableResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operations the Glue endpoint serves, assembled once for the server and its HTTP tests: each
 * resource family adds its operations here and registers its taggable type.
 */
public final class GlueApi {
    private GlueApi() {}

    public static List<GlueOperation<?, ?>> operations(GlueArns arns, SessionService sessions, TagStore tags) {
        return operations(arns, sessions, tags, List.of(), Map.of());
    }

    /**
     * The session and tag operations plus other families' operations, with the resource types those
     * families make taggable (e.g. crawlers) and the check that a resource of each exists.
     */
    public static List<GlueOperation<?, ?>> operations(GlueArns arns, SessionService sessions, TagStore tags,
            List<GlueOperation<?, ?>> families, Map<GlueResourceType, TaggableResources.ExistenceCheck> taggableTypes) {
        TaggableResources taggable = new TaggableResources()
                .register(GlueResourceType.SESSION, SessionOperations.existenceCheck(sessions));
        taggableTypes.forEach(taggable::register);
        List<GlueOperation<?, ?>> operations = new ArrayList<>(SessionOperations.all(sessions));
        operations.addAll(TagOperations.all(tags, taggable, arns));
        operations.addAll(families);
        return List.copyOf(operations);
    }
}
