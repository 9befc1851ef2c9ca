package dev.epoxy.driver.protocol.crawl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * What one crawl did, written by the crawl process as JSON to the request's result file just before
 * it exits; the server reads it when the process has exited.
 *
 * @param errorMessage why the crawl failed, for LastCrawl.ErrorMessage; null when it succeeded (the
 *     JSON has no member then; Spark's Jackson has no Optional support)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrawlResult(
        @JsonProperty("succeeded") boolean succeeded,
        @JsonProperty("errorMessage") String errorMessage,
        @JsonProperty("tablesCreated") int tablesCreated,
        @JsonProperty("tablesUpdated") int tablesUpdated,
        @JsonProperty("tablesDeleted") int tablesDeleted,
        @JsonProperty("partitionsAdded") int partitionsAdded,
        @JsonProperty("filesListed") long filesListed) {

    /** Why the crawl failed; empty when it succeeded. */
    public Optional<String> failure() {
        return Optional.ofNullable(errorMessage);
    }

    public static CrawlResult succeeded(int tablesCreated, int tablesUpdated, int tablesDeleted, int partitionsAdded, long filesListed) {
        return new CrawlResult(true, null, tablesCreated, tablesUpdated, tablesDeleted, partitionsAdded, filesListed);
    }

    public static CrawlResult failed(String message) {
        return new CrawlResult(false, requireNonNull(message, "message is null"), 0, 0, 0, 0, 0);
    }
}
