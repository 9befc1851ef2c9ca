package dev.epoxy.core.catalog.partition;

import dev.epoxy.core.catalog.TableId;
import dev.epoxy.core.catalog.expression.PartitionKey;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of a table's partitions. The caller has loaded the table (for its partition keys) and
 * checked that each partition has one value per key; a table deleted meanwhile is TABLE_NOT_FOUND.
 * Partitions hang off the table's catalog row and go with it (DeleteTable, DeleteDatabase).
 * The store writes each value with its typed number ({@link dev.epoxy.core.catalog.expression.TypedValue})
 * so that GetPartitions' Expression runs in the database.
 */
public interface PartitionStore {
    /** Creates a partition; ALREADY_EXISTS when the table has one with the same values. */
    void createPartition(TableId table, List<PartitionKey> keys, StoredPartition partition);

    /**
     * Creates the partitions that do not exist yet, each on its own, and returns the values of those
     * that already existed (or were repeated in {@code partitions}), in input order.
     */
    List<List<String>> createPartitionsIfAbsent(TableId table, List<PartitionKey> keys, List<StoredPartition> partitions);

    Optional<StoredPartition> findPartition(TableId table, List<String> values);

    /** The partitions of the table in creation order, filtered as the query says. */
    PartitionPage listPartitions(TableId table, PartitionQuery query);

    /**
     * Replaces the partition with {@code values} by {@code replacement}, whose values may differ: ENTITY_NOT_FOUND
     * when there is none, ALREADY_EXISTS when the new values belong to another partition.
     */
    void updatePartition(TableId table, List<PartitionKey> keys, List<String> values, StoredPartition replacement);

    /** Deletes the partition; false when there was none. */
    boolean deletePartition(TableId table, List<String> values);

    /**
     * Recomputes every stored value's typed number for new key types: UpdateTable calls this when it
     * changes the types of the partition keys, or typed Expressions would compare stale numbers.
     */
    void retypePartitionValues(TableId table, List<PartitionKey> keys);
}
