package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INTERNAL;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.server.http.catalog.CatalogRequests.catalogId;
import static dev.epoxy.server.http.catalog.CatalogRequests.name;
import static dev.epoxy.server.http.catalog.CatalogRequests.text;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.RequestContext;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.catalog.TableId;
import dev.epoxy.core.catalog.expression.BoundExpression;
import dev.epoxy.core.catalog.expression.PartitionExpression;
import dev.epoxy.core.catalog.partition.PartitionPage;
import dev.epoxy.core.catalog.partition.PartitionQuery;
import dev.epoxy.core.catalog.partition.PartitionSegment;
import dev.epoxy.core.catalog.partition.PartitionStore;
import dev.epoxy.core.catalog.partition.StoredPartition;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.http.GlueOperation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The partition operations of the Data Catalog. Each loads the table (for its partition keys and the
 * errors of a missing table or database), checks what the model cannot express (one value per key)
 * and calls the {@link PartitionStore}. GetPartitions' Expression is parsed and bound to the table's
 * keys here and evaluated by the database.
 */
public final class PartitionOperations {
    /** GetPartitions pages hold at most this many partitions when MaxResults is absent (the model's PageSize maximum). */
    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final String LISTING = "partitions";

    private final PartitionStore partitions;
    private final TableOperations tables;
    private final CatalogDocuments documents;
    private final PartitionDocuments partitionDocuments;
    private final Clock clock;

    PartitionOperations(CatalogStore catalog, PartitionStore partitions, CatalogDocuments documents, Clock clock) {
        this.partitions = requireNonNull(partitions, "partitions is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.tables = new TableOperations(catalog, documents, clock);
        this.partitionDocuments = new PartitionDocuments(documents);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every partition operation, for {@link dev.epoxy.server.http.GlueEndpoint}. */
    public static List<GlueOperation<?, ?>> all(CatalogStore catalog, PartitionStore partitions, Clock clock) {
        PartitionOperations operations = new PartitionOperations(catalog, partitions, new CatalogDocuments(ServiceModel.glue()), clock);
        return List.of(
                GlueOperation.of("CreatePartition", JsonNode.class, operations::createPartition),
                GlueOperation.of("BatchCreatePartition", JsonNode.class, operations::batchCreatePartition),
                GlueOperation.of("GetPartition", JsonNode.class, operations::getPartition),
                GlueOperation.of("GetPartitions", JsonNode.class, operations::getPartitions),
                GlueOperation.of("BatchGetPartition", JsonNode.class, operations::batchGetPartition),
                GlueOperation.of("UpdatePartition", JsonNode.class, operations::updatePartition),
                GlueOperation.of("BatchUpdatePartition", JsonNode.class, operations::batchUpdatePartition),
                GlueOperation.of("DeletePartition", JsonNode.class, operations::deletePartition),
                GlueOperation.of("BatchDeletePartition", JsonNode.class, operations::batchDeletePartition));
    }

    JsonNode createPartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        partitions.createPartition(table.id(), table.keys(), partitionDocuments.newPartition(table, request.path("PartitionInput"), clock.instant()));
        return documents.newObject();
    }

    /** Creates the valid, new entries; each other entry is reported in Errors with the error AWS would have answered. */
    JsonNode batchCreatePartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        Instant now = clock.instant();
        ObjectNode response = documents.newObject();
        ArrayNode errors = response.putArray("Errors");
        List<StoredPartition> valid = new ArrayList<>();
        for (JsonNode input : request.path("PartitionInputList")) {
            try {
                valid.add(partitionDocuments.newPartition(table, input, now));
            }
            catch (EpoxyException e) {
                errors.add(partitionError("PartitionValues", PartitionDocuments.valuesOf(input.get("Values")).orElse(List.of()), e));
            }
        }
        for (List<String> existing : partitions.createPartitionsIfAbsent(table.id(), table.keys(), valid)) {
            errors.add(partitionError("PartitionValues", existing, new EpoxyException(ALREADY_EXISTS, "Partition already exists: %s", existing)));
        }
        return response;
    }

    JsonNode getPartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        List<String> values = PartitionDocuments.checkedValues(table, request.get("PartitionValues"));
        StoredPartition partition = partitions.findPartition(table.id(), values).orElseThrow(() -> partitionNotFound(table, values));
        ObjectNode response = documents.newObject();
        response.set("Partition", partitionDocuments.toWire(partition, false));
        return response;
    }

    JsonNode getPartitions(RequestContext context, JsonNode request) {
        TableOperations.refuseTransactions(request);
        PartitionedTable table = table(context, request);
        Optional<BoundExpression> expression = text(request, "Expression")
                .filter(text -> !text.isBlank())
                .map(text -> PartitionExpression.parse(text).bind(table.keys()));
        Optional<PartitionSegment> segment = CatalogRequests.object(request, "Segment")
                .map(node -> new PartitionSegment(node.path("SegmentNumber").asInt(), node.path("TotalSegments").asInt()));
        long afterId = PageToken.positionOf(LISTING, text(request, "NextToken")).map(PartitionOperations::rowIdOf).orElse(0L);
        int maxResults = request.path("MaxResults").isInt() ? request.get("MaxResults").asInt() : DEFAULT_PAGE_SIZE;
        PartitionPage page = partitions.listPartitions(table.id(), new PartitionQuery(expression, segment, afterId, maxResults));
        boolean excludeColumnSchema = CatalogRequests.flag(request, "ExcludeColumnSchema");
        ObjectNode response = documents.newObject();
        ArrayNode listed = response.putArray("Partitions");
        page.partitions().forEach(partition -> listed.add(partitionDocuments.toWire(partition, excludeColumnSchema)));
        page.nextAfterId().ifPresent(id -> response.put("NextToken", PageToken.of(LISTING, Long.toString(id))));
        return response;
    }

    /** The partitions found, each once; values that name no partition are left out, as AWS does. */
    JsonNode batchGetPartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        ObjectNode response = documents.newObject();
        ArrayNode found = response.putArray("Partitions");
        Set<List<String>> seen = new HashSet<>();
        for (JsonNode entry : request.path("PartitionsToGet")) {
            List<String> values = PartitionDocuments.checkedValues(table, entry.get("Values"));
            if (seen.add(values)) {
                partitions.findPartition(table.id(), values).ifPresent(partition -> found.add(partitionDocuments.toWire(partition, false)));
            }
        }
        response.putArray("UnprocessedKeys");
        return response;
    }

    JsonNode updatePartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        update(table, request.get("PartitionValueList"), request.path("PartitionInput"));
        return documents.newObject();
    }

    JsonNode batchUpdatePartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        ObjectNode response = documents.newObject();
        ArrayNode errors = response.putArray("Errors");
        for (JsonNode entry : request.path("Entries")) {
            try {
                update(table, entry.get("PartitionValueList"), entry.path("PartitionInput"));
            }
            catch (EpoxyException e) {
                rethrowInternal(e);
                errors.add(partitionError("PartitionValueList", PartitionDocuments.valuesOf(entry.get("PartitionValueList")).orElse(List.of()), e));
            }
        }
        return response;
    }

    JsonNode deletePartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        List<String> values = PartitionDocuments.checkedValues(table, request.get("PartitionValues"));
        if (!partitions.deletePartition(table.id(), values)) {
            throw partitionNotFound(table, values);
        }
        return documents.newObject();
    }

    JsonNode batchDeletePartition(RequestContext context, JsonNode request) {
        PartitionedTable table = table(context, request);
        ObjectNode response = documents.newObject();
        ArrayNode errors = response.putArray("Errors");
        for (JsonNode entry : request.path("PartitionsToDelete")) {
            List<String> values = PartitionDocuments.valuesOf(entry.get("Values")).orElse(List.of());
            try {
                table.checkValues(values);
                if (!partitions.deletePartition(table.id(), values)) {
                    throw partitionNotFound(table, values);
                }
            }
            catch (EpoxyException e) {
                rethrowInternal(e);
                errors.add(partitionError("PartitionValues", values, e));
            }
        }
        return response;
    }

    private void update(PartitionedTable table, JsonNode valueList, JsonNode partitionInput) {
        List<String> values = PartitionDocuments.checkedValues(table, valueList);
        StoredPartition current = partitions.findPartition(table.id(), values).orElseThrow(() -> partitionNotFound(table, values));
        partitions.updatePartition(table.id(), table.keys(), values, partitionDocuments.replacement(table, partitionInput, current));
    }

    private PartitionedTable table(RequestContext context, JsonNode request) {
        TableId id = new TableId(catalogId(context, request), name(request, "DatabaseName"), name(request, "TableName"));
        return PartitionedTable.of(id, documents.read(tables.load(id).document()));
    }

    private ObjectNode partitionError(String valuesMember, List<String> values, EpoxyException failure) {
        ObjectNode error = documents.newObject();
        error.set(valuesMember, partitionDocuments.arrayOf(values));
        error.set("ErrorDetail", tables.errorDetail(failure));
        return error;
    }

    /** A failure of the server itself fails the whole batch request, as it would a single one. */
    private static void rethrowInternal(EpoxyException failure) {
        if (failure.code() == INTERNAL) {
            throw failure;
        }
    }

    private static long rowIdOf(String position) {
        try {
            long id = Long.parseLong(position);
            if (id >= 0) {
                return id;
            }
        }
        catch (NumberFormatException e) {
            // Falls through to the error below.
        }
        throw new EpoxyException(INVALID_INPUT, "Invalid NextToken");
    }

    private static EpoxyException partitionNotFound(PartitionedTable table, List<String> values) {
        return new EpoxyException(ENTITY_NOT_FOUND, "Partition not found: %s in table %s", values, table.id());
    }
}
