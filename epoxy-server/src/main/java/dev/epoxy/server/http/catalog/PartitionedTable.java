package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.epoxy.core.catalog.TableId;
import dev.epoxy.core.catalog.expression.PartitionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A table as the partition operations see it: where it lives and its partition keys in order (from its {@code Table} document). */
record PartitionedTable(TableId id, List<PartitionKey> keys) {
    PartitionedTable {
        requireNonNull(id, "id is null");
        keys = List.copyOf(keys);
    }

    static PartitionedTable of(TableId id, JsonNode tableDocument) {
        List<PartitionKey> keys = new ArrayList<>();
        for (JsonNode column : tableDocument.path("PartitionKeys")) {
            // A key without a type compares as a string, the Hive default.
            keys.add(new PartitionKey(column.path("Name").asText(), column.path("Type").asText("string")));
        }
        return new PartitionedTable(id, keys);
    }

    /** INVALID_INPUT unless there is one value per partition key. */
    void checkValues(List<String> values) {
        checkInput(!keys.isEmpty(), "Table %s has no partition keys", id);
        checkInput(values.size() == keys.size(),
                "Partition values %s do not match the partition keys of table %s: expected %s value(s) for (%s), got %s",
                values, id, keys.size(), keys.stream().map(PartitionKey::name).collect(Collectors.joining(", ")), values.size());
    }
}
