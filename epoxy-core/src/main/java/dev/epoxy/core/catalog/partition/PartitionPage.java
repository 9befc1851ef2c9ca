package dev.epoxy.core.catalog.partition;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A page of partitions and, when more may follow, the row id the next page starts after. */
public record PartitionPage(List<StoredPartition> partitions, Optional<Long> nextAfterId) {
    public PartitionPage {
        partitions = List.copyOf(partitions);
        requireNonNull(nextAfterId, "nextAfterId is null");
    }
}
