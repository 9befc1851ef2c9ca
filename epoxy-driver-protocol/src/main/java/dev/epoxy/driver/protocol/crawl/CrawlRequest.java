package dev.epoxy.driver.protocol.crawl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the server asks one crawl process to do, written as JSON to the file that the Spark conf
 * {@link CrawlFiles#REQUEST_FILE_CONF} names.
 *
 * @param targets the S3 include paths
 * @param jdbcTargets the JDBC include paths, each crawled through its Glue connection; absent (null) reads as none
 * @param configuration the crawler's Configuration JSON, null when it has none
 * @param tablePrefix prepended to the name of every table the crawl creates; empty for none
 * @param seenFoldersFile where the folders of earlier crawls are listed (one URI a line), read and rewritten by the crawl
 */
public record CrawlRequest(
        @JsonProperty("crawlerName") String crawlerName,
        @JsonProperty("databaseName") String databaseName,
        @JsonProperty("targets") List<Target> targets,
        @JsonProperty("jdbcTargets") List<JdbcTarget> jdbcTargets,
        @JsonProperty("tablePrefix") String tablePrefix,
        @JsonProperty("updateBehavior") UpdateBehavior updateBehavior,
        @JsonProperty("deleteBehavior") DeleteBehavior deleteBehavior,
        @JsonProperty("recrawlBehavior") RecrawlBehavior recrawlBehavior,
        @JsonProperty("configuration") String configuration,
        @JsonProperty("seenFoldersFile") String seenFoldersFile,
        @JsonProperty("resultFile") String resultFile) {

    public CrawlRequest {
        requireNonNull(crawlerName, "crawlerName is null");
        requireNonNull(databaseName, "databaseName is null");
        targets = List.copyOf(requireNonNull(targets, "targets is null"));
        jdbcTargets = jdbcTargets == null ? List.of() : List.copyOf(jdbcTargets);
        requireNonNull(tablePrefix, "tablePrefix is null");
        requireNonNull(updateBehavior, "updateBehavior is null");
        requireNonNull(deleteBehavior, "deleteBehavior is null");
        requireNonNull(recrawlBehavior, "recrawlBehavior is null");
        requireNonNull(seenFoldersFile, "seenFoldersFile is null");
        requireNonNull(resultFile, "resultFile is null");
    }

    /** One include path with its exclusion globs; {@code sampleSize} 0 reads every file. */
    public record Target(@JsonProperty("path") String path, @JsonProperty("exclusions") List<String> exclusions, @JsonProperty("sampleSize") int sampleSize) {
        public Target {
            requireNonNull(path, "path is null");
            exclusions = List.copyOf(requireNonNull(exclusions, "exclusions is null"));
        }
    }

    /**
     * One JDBC include path: {@code database/schema/table} (PostgreSQL) or {@code database/table} (MySQL, MariaDB),
     * {@code %} a wildcard in any segment, with its exclusion globs, reached through the Glue connection named.
     */
    public record JdbcTarget(@JsonProperty("connectionName") String connectionName, @JsonProperty("path") String path,
            @JsonProperty("exclusions") List<String> exclusions) {
        public JdbcTarget {
            requireNonNull(connectionName, "connectionName is null");
            requireNonNull(path, "path is null");
            exclusions = List.copyOf(requireNonNull(exclusions, "exclusions is null"));
        }
    }

    public enum UpdateBehavior { LOG, UPDATE_IN_DATABASE }

    public enum DeleteBehavior { LOG, DELETE_FROM_DATABASE, DEPRECATE_IN_DATABASE }

    public enum RecrawlBehavior { CRAWL_EVERYTHING, CRAWL_NEW_FOLDERS_ONLY }
}
