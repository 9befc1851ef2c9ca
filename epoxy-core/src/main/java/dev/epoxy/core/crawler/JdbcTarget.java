package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One JDBC include path of a crawler: the Glue connection to reach the database through, the path
 * ({@code database/schema/table} for PostgreSQL, {@code database/table} for MySQL and MariaDB, {@code %}
 * a wildcard in any segment) and the glob patterns of the tables the crawl skips.
 *
 * @param enableAdditionalMetadata Glue's RAWTYPES and COMMENTS, kept and returned; crawls do not read them
 */
public record JdbcTarget(String connectionName, String path, List<String> exclusions, List<String> enableAdditionalMetadata) {
    public JdbcTarget {
        requireNonNull(connectionName, "connectionName is null");
        requireNonNull(path, "path is null");
        exclusions = List.copyOf(requireNonNull(exclusions, "exclusions is null"));
        enableAdditionalMetadata = List.copyOf(requireNonNull(enableAdditionalMetadata, "enableAdditionalMetadata is null"));
    }
}
