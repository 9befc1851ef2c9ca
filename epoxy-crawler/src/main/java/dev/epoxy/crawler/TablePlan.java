package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a crawl found for one include path: the table to have (empty when the path holds no data
 * files any more) and its partitions, by values, with their folder URIs.
 */
record TablePlan(String tableName, String includePath, Optional<TableDefinition> table, Map<List<String>, String> partitions) {
    TablePlan {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(includePath, "includePath is null");
        requireNonNull(table, "table is null");
        partitions = Map.copyOf(partitions);
    }
}
