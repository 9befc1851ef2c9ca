package dev.epoxy.spark.catalog.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fixed list of partitions standing in for GetPartitions in unit tests (the end-to-end tests use the
 * real server); it ignores the expression, so the driver-side pruning is what the tests see, and it
 * records the expressions it was sent.
 */
final class TestingPartitionSource implements PartitionSource {
    private final List<CatalogPartition> partitions;
    private final List<Optional<String>> expressions = new ArrayList<>();

    TestingPartitionSource(List<CatalogPartition> partitions) {
        this.partitions = List.copyOf(partitions);
    }

    @Override
    public synchronized List<CatalogPartition> partitions(Optional<String> expression) {
        expressions.add(expression);
        return partitions;
    }

    synchronized List<Optional<String>> expressions() {
        return List.copyOf(expressions);
    }
}
