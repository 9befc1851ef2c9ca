package dev.epoxy.core.catalog.expression;

import static java.util.Locale.ROOT;
import static java.util.Objects.requireNonNull;

/** A table's partition key as an Expression sees it: its name (stored lower-case) and its Hive type name. */
public record PartitionKey(String name, String type) {
    public PartitionKey {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        name = name.toLowerCase(ROOT);
    }
}
