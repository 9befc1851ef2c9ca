package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.DATABASE_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;
import static dev.epoxy.core.ErrorCode.TABLE_NOT_FOUND;
import static dev.epoxy.server.http.catalog.CatalogRequests.catalogId;
import static dev.epoxy.server.http.catalog.CatalogRequests.lowerCase;
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
import dev.epoxy.glue.model.ShapeBinder;
import dev.epoxy.server.http.GlueErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * CreateTable, GetTable, GetTables, UpdateTable, DeleteTable and BatchDeleteTable. A stored table is its
 * {@code TableInput} projected onto {@code Table}, plus the members the server sets: lower-case
 * {@code Name} and {@code DatabaseName}, {@code CatalogId}, {@code CreateTime}, {@code UpdateTime},
 * {@code CreatedBy}, {@code VersionId} and {@code IsRegisteredWithLakeFormation} (false: Epoxy has no
 * Lake Formation).
 */
final class TableOperations {
    private static final String LISTING = "tables";

    private final CatalogStore store;
    private final CatalogDocuments documents;
    private final Clock clock;

    TableOperations(CatalogStore store, CatalogDocuments documents, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    JsonNode createTable(RequestContext context, JsonNode request) {
        refuseTransactions(request);
        if (request.has("OpenTableFormatInput")) {
            throw new EpoxyException(NOT_SUPPORTED, "CreateTable with OpenTableFormatInput is not supported: Epoxy has no Iceberg tables in the catalog yet");
        }
        JsonNode input = CatalogRequests.object(request, "TableInput")
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "TableInput is required"));
        TableId id = new TableId(catalogId(context, request), name(request, "DatabaseName"), name(input, "Name"));
        Instant now = clock.instant();
        ObjectNode table = tableDocument(id, input, 0, now, now, createdBy(context));
        store.createTable(new CatalogTable(id, 0, documents.write(table)));
        return documents.newObject();
    }

    JsonNode getTable(RequestContext context, JsonNode request) {
        refuseTransactions(request);
        TableId id = new TableId(catalogId(context, request), name(request, "DatabaseName"), name(request, "Name"));
        ObjectNode response = documents.newObject();
        response.set("Table", documents.read(load(id).document()));
        return response;
    }

    /** Pages of tables in name order; with an Expression, pages hold the matching tables, scanning on until a page is full. */
    JsonNode getTables(RequestContext context, JsonNode request) {
        refuseTransactions(request);
        String catalogId = catalogId(context, request);
        String databaseName = name(request, "DatabaseName");
        Predicate<String> matches = CatalogRequests.text(request, "Expression").filter(text -> !text.isEmpty())
                .map(TableNamePattern::of).orElse(name -> true);
        int size = CatalogRequests.pageSize(request);
        Optional<String> after = PageToken.positionOf(LISTING, CatalogRequests.text(request, "NextToken"));
        // One more than a page, to know whether another page follows without answering an empty one.
        List<CatalogTable> found = new ArrayList<>();
        while (found.size() <= size) {
            List<CatalogTable> batch = store.listTables(catalogId, databaseName, after, size + 1);
            for (CatalogTable table : batch) {
                if (matches.test(table.id().name()) && found.size() <= size) {
                    found.add(table);
                }
            }
            if (batch.size() <= size) {
                break;
            }
            after = Optional.of(batch.get(batch.size() - 1).id().name());
        }
        ObjectNode response = documents.newObject();
        ArrayNode list = response.putArray("TableList");
        for (CatalogTable table : found.subList(0, Math.min(size, found.size()))) {
            list.add(attributes(documents.read(table.document()), request.get("AttributesToGet")));
        }
        if (found.size() > size) {
            response.put("NextToken", PageToken.of(LISTING, found.get(size - 1).id().name()));
        }
        return response;
    }

    /**
     * Replaces the table's definition with {@code TableInput} as a new version (the previous one is
     * archived unless {@code SkipArchive}); {@code VersionId}, when given, must be the current version.
     * Tables cannot be renamed: {@code TableInput.Name} names the table to update.
     */
    JsonNode updateTable(RequestContext context, JsonNode request) {
        refuseTransactions(request);
        if (request.has("UpdateOpenTableFormatInput")) {
            throw new EpoxyException(NOT_SUPPORTED, "UpdateTable with UpdateOpenTableFormatInput is not supported: Epoxy has no Iceberg tables in the catalog yet");
        }
        JsonNode input = CatalogRequests.object(request, "TableInput")
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "TableInput is required"));
        TableId id = new TableId(catalogId(context, request), name(request, "DatabaseName"), name(input, "Name"));
        Optional<String> requestName = CatalogRequests.text(request, "Name").map(CatalogRequests::lowerCase);
        if (requestName.isPresent() && !requestName.get().equals(id.name())) {
            throw new EpoxyException(INVALID_INPUT, "Cannot rename table %s to %s: Name and TableInput.Name differ", requestName.get(), id.name());
        }
        CatalogTable current = load(id);
        Optional<String> expected = CatalogRequests.text(request, "VersionId");
        if (expected.isPresent() && CatalogRequests.versionId(expected.get(), "VersionId") != current.versionId()) {
            throw new EpoxyException(dev.epoxy.core.ErrorCode.CONCURRENT_MODIFICATION,
                    "Cannot update table %s at version %s: its current version is %s", id, expected.get(), current.versionId());
        }
        ObjectNode previous = documents.read(current.document());
        long version = current.versionId() + 1;
        Instant createTime = Optional.ofNullable(previous.get("CreateTime"))
                .map(seconds -> Instant.ofEpochMilli(seconds.decimalValue().movePointRight(3).longValue()))
                .orElse(clock.instant());
        String createdBy = Optional.ofNullable(previous.get("CreatedBy")).map(JsonNode::asText).orElse(createdBy(context));
        ObjectNode table = tableDocument(id, input, version, createTime, clock.instant(), createdBy);
        CatalogTable updated = new CatalogTable(id, version, documents.write(table));
        if (CatalogRequests.flag(request, "SkipArchive")) {
            store.updateTableWithoutArchive(updated, current.versionId());
        }
        else {
            store.updateTable(updated, current.versionId());
        }
        return documents.newObject();
    }

    JsonNode deleteTable(RequestContext context, JsonNode request) {
        refuseTransactions(request);
        store.deleteTable(new TableId(catalogId(context, request), name(request, "DatabaseName"), name(request, "Name")));
        return documents.newObject();
    }

    /** Deletes each named table; a table that cannot be deleted is reported in {@code Errors} and the others still go. */
    JsonNode batchDeleteTable(RequestContext context, JsonNode request) {
        refuseTransactions(request);
        String catalogId = catalogId(context, request);
        String databaseName = name(request, "DatabaseName");
        if (store.findDatabase(catalogId, databaseName).isEmpty()) {
            throw new EpoxyException(DATABASE_NOT_FOUND, "Database not found: %s", databaseName);
        }
        ObjectNode response = documents.newObject();
        ArrayNode errors = response.putArray("Errors");
        for (JsonNode element : request.path("TablesToDelete")) {
            String tableName = element.asText();
            try {
                store.deleteTable(new TableId(catalogId, databaseName, lowerCase(tableName)));
            }
            catch (EpoxyException e) {
                ObjectNode error = errors.addObject();
                error.put("TableName", tableName);
                error.set("ErrorDetail", errorDetail(e));
            }
        }
        return response;
    }

    CatalogTable load(TableId id) {
        return store.findTable(id).orElseThrow(() -> {
            if (store.findDatabase(id.catalogId(), id.databaseName()).isEmpty()) {
                return new EpoxyException(DATABASE_NOT_FOUND, "Database not found: %s", id.databaseName());
            }
            return new EpoxyException(TABLE_NOT_FOUND, "Table not found: %s", id);
        });
    }

    /** An error of a batch entry as Glue reports it: the error's name and message. */
    ObjectNode errorDetail(EpoxyException failure) {
        ObjectNode detail = documents.newObject();
        detail.put("ErrorCode", GlueErrors.shapeOf(failure.code()).name());
        detail.put("ErrorMessage", failure.getMessage());
        return detail;
    }

    private ObjectNode tableDocument(TableId id, JsonNode input, long version, Instant createTime, Instant updateTime, String createdBy) {
        ObjectNode table = documents.bind("TableInput", "Table", input);
        table.put("Name", id.name());
        table.put("DatabaseName", id.databaseName());
        table.put("CatalogId", id.catalogId());
        table.set("CreateTime", ShapeBinder.timestamp(createTime));
        table.set("UpdateTime", ShapeBinder.timestamp(updateTime));
        table.put("CreatedBy", createdBy);
        table.put("VersionId", Long.toString(version));
        table.put("IsRegisteredWithLakeFormation", false);
        return table;
    }

    /** GetTables' AttributesToGet: NAME (always) and TABLE_TYPE; absent, empty or DEFAULT means everything. */
    private ObjectNode attributes(ObjectNode table, JsonNode attributesToGet) {
        if (attributesToGet == null || !attributesToGet.isArray() || attributesToGet.isEmpty()) {
            return table;
        }
        for (JsonNode attribute : attributesToGet) {
            if ("DEFAULT".equals(attribute.asText())) {
                return table;
            }
        }
        ObjectNode selected = documents.newObject();
        selected.set("Name", table.get("Name"));
        for (JsonNode attribute : attributesToGet) {
            if ("TABLE_TYPE".equals(attribute.asText()) && table.has("TableType")) {
                selected.set("TableType", table.get("TableType"));
            }
        }
        return selected;
    }

    /** Who created a table, in the form STS GetCallerIdentity answers for the same caller. */
    private static String createdBy(RequestContext context) {
        return "arn:aws:iam::" + context.accountId() + ":user/" + context.accessKeyId().orElse("epoxy");
    }

    /** Governed tables (Lake Formation transactions, time travel) do not exist in Epoxy. */
    static void refuseTransactions(JsonNode request) {
        for (String member : List.of("TransactionId", "QueryAsOfTime")) {
            if (request.has(member) && !request.get(member).isNull()) {
                throw new EpoxyException(NOT_SUPPORTED, "%s is not supported: Epoxy has no governed tables", member);
            }
        }
    }
}
