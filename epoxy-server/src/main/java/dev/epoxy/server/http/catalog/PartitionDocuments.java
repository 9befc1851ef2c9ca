package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.catalog.partition.StoredPartition;
import dev.epoxy.glue.model.ShapeBinder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PartitionInput → stored partition → Partition. A stored partition is its PartitionInput bound onto
 * the model's {@code Partition} shape (every member the model defines is kept, nothing else) plus the
 * members the server owns: DatabaseName, TableName, CatalogId, CreationTime. Nothing is inherited from
 * the table: a partition sent without a StorageDescriptor is stored without one, as AWS does.
 */
final class PartitionDocuments {
    private final CatalogDocuments documents;

    PartitionDocuments(CatalogDocuments documents) {
        this.documents = requireNonNull(documents, "documents is null");
    }

    /** A new partition of {@code table}; INVALID_INPUT when its values do not fit the table's keys. */
    StoredPartition newPartition(PartitionedTable table, JsonNode partitionInput, Instant creationTime) {
        List<String> values = valuesOf(partitionInput.get("Values"))
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "PartitionInput.Values is required"));
        return stored(table, partitionInput, values, ShapeBinder.timestamp(creationTime));
    }

    /** {@code current} replaced by a PartitionInput: its creation time is kept, and its values when the input has none. */
    StoredPartition replacement(PartitionedTable table, JsonNode partitionInput, StoredPartition current) {
        List<String> values = valuesOf(partitionInput.get("Values")).orElse(current.values());
        return stored(table, partitionInput, values, documents.read(current.json()).get("CreationTime"));
    }

    private StoredPartition stored(PartitionedTable table, JsonNode partitionInput, List<String> values, JsonNode creationTime) {
        table.checkValues(values);
        ObjectNode partition = documents.bind("PartitionInput", "Partition", partitionInput);
        partition.set("Values", arrayOf(values));
        partition.put("DatabaseName", table.id().databaseName());
        partition.put("TableName", table.id().name());
        partition.put("CatalogId", table.id().catalogId());
        if (creationTime != null) {
            partition.set("CreationTime", creationTime);
        }
        return new StoredPartition(values, documents.write(partition));
    }

    /** The Partition as answered; without the column list when {@code excludeColumnSchema} (GetPartitions' ExcludeColumnSchema). */
    ObjectNode toWire(StoredPartition partition, boolean excludeColumnSchema) {
        ObjectNode node = documents.read(partition.json());
        if (excludeColumnSchema && node.path("StorageDescriptor") instanceof ObjectNode storage) {
            storage.remove("Columns");
        }
        return node;
    }

    /** The values a request names, checked against the table's keys. */
    static List<String> checkedValues(PartitionedTable table, JsonNode values) {
        List<String> list = valuesOf(values).orElseThrow(() -> new EpoxyException(INVALID_INPUT, "Partition values are required"));
        table.checkValues(list);
        return list;
    }

    static Optional<List<String>> valuesOf(JsonNode values) {
        if (values == null || !values.isArray()) {
            return Optional.empty();
        }
        List<String> list = new ArrayList<>(values.size());
        values.forEach(value -> list.add(value.asText()));
        return Optional.of(List.copyOf(list));
    }

    ArrayNode arrayOf(List<String> values) {
        ArrayNode array = documents.newObject().arrayNode(values.size());
        values.forEach(array::add);
        return array;
    }
}
