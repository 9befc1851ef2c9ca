package dev.epoxy.core.catalog.partition;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A partition as the store keeps it: its values in partition-key order and its whole wire JSON (the
 * {@code Partition} shape the server built from a {@code PartitionInput}). The store indexes the values;
 * it never reads the JSON.
 */
public record StoredPartition(List<String> values, String json) {
    public StoredPartition {
        values = List.copyOf(values);
        requireNonNull(json, "json is null");
    }
}
