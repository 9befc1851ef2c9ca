package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a crawl decided for one table: the table to have at {@code location} (empty when the crawler
 * made it before and its data is gone) and its partitions, by values, with their folder URIs.
 */
record TablePlan(String tableName, String location, Optional<CatalogTable> table, Map<List<String>, String> partitions) {
    TablePlan {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(location, "location is null");
        requireNonNull(table, "table is null");
        partitions = Map.copyOf(partitions);
    }
}
