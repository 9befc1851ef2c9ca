package dev.epoxy.server.http;

import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.store.Stores;
import dev.epoxy.server.http.catalog.CatalogOperations;
import dev.epoxy.server.http.catalog.CatalogTags;
import dev.epoxy.server.http.catalog.PartitionOperations;
import dev.epoxy.server.http.session.SessionOperations;
import dev.epoxy.server.http.tag.TagOperations;
import dev.epoxy.server.http.tag.TaggableResources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations the Glue endpoint serves, assembled once for the server and its HTTP tests: each
 * resource family adds its operations here and registers its taggable type.
 */
public final class GlueApi {
    private GlueApi() {}

    public static List<GlueOperation<?, ?>> operations(GlueArns arns, Clock clock, Stores stores, SessionService sessions) {
        CatalogTags catalogTags = new CatalogTags(stores.catalog(), stores.tags(), arns);
        TaggableResources taggable = catalogTags.registerWith(new TaggableResources()
                .register(GlueResourceType.SESSION, SessionOperations.existenceCheck(sessions)));
        List<GlueOperation<?, ?>> operations = new ArrayList<>(SessionOperations.all(sessions));
        operations.addAll(CatalogOperations.all(stores.catalog(), catalogTags, clock));
        operations.addAll(PartitionOperations.all(stores.catalog(), catalogTags, stores.partitions(), clock));
        operations.addAll(TagOperations.all(stores.tags(), taggable, arns));
        return List.copyOf(operations);
    }
}
