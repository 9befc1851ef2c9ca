package dev.epoxy.spark.catalog.read;

import java.util.List;
import java.util.Optional;

/** Where a {@link GlueCatalogFileIndex} gets a table's partitions from. */
public interface PartitionSource {
    /**
     * The table's partitions for which the Glue {@code expression} holds (all of them when empty).
     *
     * @throws dev.epoxy.spark.catalog.CatalogException for a malformed expression or a failed Glue call
     */
    List<CatalogPartition> partitions(Optional<String> expression);
}
