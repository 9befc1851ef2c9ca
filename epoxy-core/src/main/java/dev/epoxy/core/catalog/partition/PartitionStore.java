package dev.epoxy.core.catalog.partition;

import dev.epoxy.core.catalog.expression.PartitionKey;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of a table's partitions. A table is named by its catalog row key ({@code tableKey}); the
 * caller has already checked that the table exists and that each partition has one value per key.
 * The store writes each value with its typed number ({@link dev.epoxy.core.catalog.expression.TypedValue})
 * so that GetPartitions' Expression runs in the database.
 */
public interface PartitionStore {
    /** Creates a partition; ALREADY_EXISTS when the table has one with the same values. */
    void createPartition(long tableKey, List<PartitionKey> keys, StoredPartition partition);

    /**
     * Creates the partitions that do not exist yet, each on its own, and returns the values of those
     * that already existed (or were repeated in {@code partitions}), in input order.
     */
    List<List<String>> createPartitionsIfAbsent(long tableKey, List<PartitionKey> keys, List<StoredPartition> partitions);

    Optional<StoredPartition> findPartition(long tableKey, List<String> values);

    /** The partitions of the table in creation order, filtered as the query says. */
    PartitionPage listPartitions(long tableKey, PartitionQuery query);

    /**
     * Replaces the partition with {@code values} by {@code replacement}, whose values may differ: ENTITY_NOT_FOUND
     * when there is none, ALREADY_EXISTS when the new values belong to another partition.
     */
    void updatePartition(long tableKey, List<PartitionKey> keys, List<String> values, StoredPartition replacement);

    /** Deletes the partition; false when there was none. */
    boolean deletePartition(long tableKey, List<String> values);

    /**
     * Recomputes every stored value's typed number for new key types: UpdateTable calls this when it
     * changes the types of the partition keys, or typed Expressions would compare stale numbers.
     */
    void retypePartitionValues(long tableKey, List<PartitionKey> keys);
}
