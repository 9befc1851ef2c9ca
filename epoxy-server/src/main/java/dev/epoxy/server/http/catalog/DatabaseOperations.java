package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.DATABASE_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.server.http.catalog.CatalogRequests.catalogId;
import static dev.epoxy.server.http.catalog.CatalogRequests.name;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.RequestContext;
import dev.epoxy.core.catalog.CatalogDatabase;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.glue.model.ShapeBinder;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * CreateDatabase, GetDatabase, GetDatabases, UpdateDatabase and DeleteDatabase. A stored database is
 * its {@code DatabaseInput} projected onto {@code Database}, plus what the server sets: the lower-case
 * {@code Name}, {@code CatalogId}, {@code CreateTime} and, when the input has none, Glue's default
 * {@code CreateTableDefaultPermissions} (IAM_ALLOWED_PRINCIPALS with ALL).
 */
final class DatabaseOperations {
    private static final String LISTING = "databases";

    private final CatalogStore store;
    private final CatalogDocuments documents;
    private final Clock clock;

    DatabaseOperations(CatalogStore store, CatalogDocuments documents, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    JsonNode createDatabase(RequestContext context, JsonNode request) {
        String catalogId = catalogId(context, request);
        JsonNode input = request.get("DatabaseInput");
        ObjectNode database = documents.bind("DatabaseInput", "Database", input);
        String name = name(input, "Name");
        database.put("Name", name);
        database.put("CatalogId", catalogId);
        database.set("CreateTime", ShapeBinder.timestamp(clock.instant()));
        if (!database.has("CreateTableDefaultPermissions")) {
            database.set("CreateTableDefaultPermissions", defaultPermissions());
        }
        store.createDatabase(new CatalogDatabase(catalogId, name, documents.write(database)));
        return documents.newObject();
    }

    JsonNode getDatabase(RequestContext context, JsonNode request) {
        CatalogDatabase database = load(catalogId(context, request), name(request, "Name"));
        ObjectNode response = documents.newObject();
        response.set("Database", documents.read(database.document()));
        return response;
    }

    JsonNode getDatabases(RequestContext context, JsonNode request) {
        String catalogId = catalogId(context, request);
        Optional<String> after = PageToken.positionOf(LISTING, CatalogRequests.text(request, "NextToken"));
        int size = CatalogRequests.pageSize(request);
        ObjectNode response = documents.newObject();
        ArrayNode list = response.putArray("DatabaseList");
        // Databases shared from other accounts (FOREIGN) do not exist in a one-account catalog.
        if (CatalogRequests.text(request, "ResourceShareType").filter("FOREIGN"::equals).isPresent()) {
            return response;
        }
        List<CatalogDatabase> page = store.listDatabases(catalogId, after, size + 1);
        for (CatalogDatabase database : page.subList(0, Math.min(size, page.size()))) {
            list.add(attributes(documents.read(database.document()), request.get("AttributesToGet")));
        }
        if (page.size() > size) {
            response.put("NextToken", PageToken.of(LISTING, page.get(size - 1).name()));
        }
        return response;
    }

    JsonNode updateDatabase(RequestContext context, JsonNode request) {
        String catalogId = catalogId(context, request);
        String name = name(request, "Name");
        JsonNode input = request.get("DatabaseInput");
        String newName = name(input, "Name");
        if (!newName.equals(name)) {
            throw new EpoxyException(INVALID_INPUT, "Cannot rename database %s to %s: Glue databases cannot be renamed", name, newName);
        }
        ObjectNode previous = documents.read(load(catalogId, name).document());
        ObjectNode database = documents.bind("DatabaseInput", "Database", input);
        database.put("Name", name);
        database.put("CatalogId", catalogId);
        database.set("CreateTime", previous.get("CreateTime"));
        if (!database.has("CreateTableDefaultPermissions")) {
            database.set("CreateTableDefaultPermissions", previous.has("CreateTableDefaultPermissions")
                    ? previous.get("CreateTableDefaultPermissions") : defaultPermissions());
        }
        store.updateDatabase(new CatalogDatabase(catalogId, name, documents.write(database)));
        return documents.newObject();
    }

    JsonNode deleteDatabase(RequestContext context, JsonNode request) {
        store.deleteDatabase(catalogId(context, request), name(request, "Name"));
        return documents.newObject();
    }

    private CatalogDatabase load(String catalogId, String name) {
        return store.findDatabase(catalogId, name)
                .orElseThrow(() -> new EpoxyException(DATABASE_NOT_FOUND, "Database not found: %s", name));
    }

    /** GetDatabases' AttributesToGet: NAME (always) and TARGET_DATABASE; absent or empty means everything. */
    private ObjectNode attributes(ObjectNode database, JsonNode attributesToGet) {
        if (attributesToGet == null || !attributesToGet.isArray() || attributesToGet.isEmpty()) {
            return database;
        }
        ObjectNode selected = documents.newObject();
        selected.set("Name", database.get("Name"));
        for (JsonNode attribute : attributesToGet) {
            if ("TARGET_DATABASE".equals(attribute.asText()) && database.has("TargetDatabase")) {
                selected.set("TargetDatabase", database.get("TargetDatabase"));
            }
        }
        return selected;
    }

    private ArrayNode defaultPermissions() {
        ArrayNode permissions = documents.newObject().arrayNode();
        ObjectNode entry = permissions.addObject();
        entry.putObject("Principal").put("DataLakePrincipalIdentifier", "IAM_ALLOWED_PRINCIPALS");
        entry.putArray("Permissions").add("ALL");
        return permissions;
    }
}
