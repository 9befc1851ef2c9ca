package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.TABLE_NOT_FOUND;
import static dev.epoxy.server.http.catalog.CatalogRequests.catalogId;
import static dev.epoxy.server.http.catalog.CatalogRequests.name;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.RequestContext;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.catalog.CatalogTable;
import dev.epoxy.core.catalog.TableId;
import java.util.List;
import java.util.Optional;

/**
 * GetTableVersions, GetTableVersion, DeleteTableVersion and BatchDeleteTableVersion. Versions are the
 * table's current definition and the archived ones UpdateTable kept, newest first; the current
 * version cannot be deleted (delete the table instead).
 */
final class TableVersionOperations {
    private static final String LISTING = "versions";

    private final CatalogStore store;
    private final CatalogDocuments documents;
    private final TableOperations tables;

    TableVersionOperations(CatalogStore store, CatalogDocuments documents, TableOperations tables) {
        this.store = requireNonNull(store, "store is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.tables = requireNonNull(tables, "tables is null");
    }

    JsonNode getTableVersions(RequestContext context, JsonNode request) {
        TableId id = tableId(context, request);
        tables.load(id);
        Optional<Long> before = PageToken.positionOf(LISTING, CatalogRequests.text(request, "NextToken"))
                .map(position -> CatalogRequests.versionId(position, "NextToken"));
        int size = CatalogRequests.pageSize(request);
        List<CatalogTable> page = store.listTableVersions(id, before, size + 1);
        ObjectNode response = documents.newObject();
        ArrayNode versions = response.putArray("TableVersions");
        for (CatalogTable version : page.subList(0, Math.min(size, page.size()))) {
            versions.add(tableVersion(version));
        }
        if (page.size() > size) {
            response.put("NextToken", PageToken.of(LISTING, Long.toString(page.get(size - 1).versionId())));
        }
        return response;
    }

    /** The named version, or the current one when the request names none. */
    JsonNode getTableVersion(RequestContext context, JsonNode request) {
        TableId id = tableId(context, request);
        CatalogTable current = tables.load(id);
        Optional<String> versionText = CatalogRequests.text(request, "VersionId");
        CatalogTable version = current;
        if (versionText.isPresent()) {
            long versionId = CatalogRequests.versionId(versionText.get(), "VersionId");
            version = store.findTableVersion(id, versionId).orElseThrow(() -> versionNotFound(id, versionText.get()));
        }
        ObjectNode response = documents.newObject();
        response.set("TableVersion", tableVersion(version));
        return response;
    }

    JsonNode deleteTableVersion(RequestContext context, JsonNode request) {
        TableId id = tableId(context, request);
        tables.load(id);
        String versionText = CatalogRequests.text(request, "VersionId").orElseThrow();
        store.deleteTableVersion(id, CatalogRequests.versionId(versionText, "VersionId"));
        return documents.newObject();
    }

    /** Deletes each named version; a version that cannot be deleted is reported in {@code Errors} and the others still go. */
    JsonNode batchDeleteTableVersion(RequestContext context, JsonNode request) {
        TableId id = tableId(context, request);
        tables.load(id);
        ObjectNode response = documents.newObject();
        ArrayNode errors = response.putArray("Errors");
        for (JsonNode element : request.path("VersionIds")) {
            String versionText = element.asText();
            try {
                store.deleteTableVersion(id, CatalogRequests.versionId(versionText, "VersionId"));
            }
            catch (EpoxyException e) {
                ObjectNode error = errors.addObject();
                error.put("TableName", id.name());
                error.put("VersionId", versionText);
                error.set("ErrorDetail", tables.errorDetail(e));
            }
        }
        return response;
    }

    private ObjectNode tableVersion(CatalogTable version) {
        ObjectNode entry = documents.newObject();
        entry.set("Table", documents.read(version.document()));
        entry.put("VersionId", Long.toString(version.versionId()));
        return entry;
    }

    private static TableId tableId(RequestContext context, JsonNode request) {
        return new TableId(catalogId(context, request), name(request, "DatabaseName"), name(request, "TableName"));
    }

    private static EpoxyException versionNotFound(TableId id, String version) {
        return new EpoxyException(TABLE_NOT_FOUND, "Version %s of table %s not found", version, id);
    }
}
