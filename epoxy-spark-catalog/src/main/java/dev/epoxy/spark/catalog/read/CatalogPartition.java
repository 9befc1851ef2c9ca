package dev.epoxy.spark.catalog.read;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A partition of a catalog table: its values (one per partition key, in key order; null = none) and location. */
public record CatalogPartition(List<String> values, String location) {
    public CatalogPartition {
        // Partition values may be null (Hive's default partition), which List.copyOf rejects.
        values = Collections.unmodifiableList(new ArrayList<>(requireNonNull(values, "values is null")));
        requireNonNull(location, "location is null");
    }
}
