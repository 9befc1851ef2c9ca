package dev.epoxy.driver.protocol.crawl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * What one crawl did, written by the crawl process as JSON to the request's result file just before
 * it exits; the server reads it when the process has exited.
 *
 * @param errorMessage why the crawl failed, for LastCrawl.ErrorMessage; empty when it succeeded
 */
public record CrawlResult(
        @JsonProperty("succeeded") boolean succeeded,
        @JsonProperty("errorMessage") Optional<String> errorMessage,
        @JsonProperty("tablesCreated") int tablesCreated,
        @JsonProperty("tablesUpdated") int tablesUpdated,
        @JsonProperty("tablesDeleted") int tablesDeleted,
        @JsonProperty("partitionsAdded") int partitionsAdded,
        @JsonProperty("filesListed") long filesListed) {

    public CrawlResult {
        errorMessage = errorMessage == null ? Optional.empty() : errorMessage;
    }

    public static CrawlResult failed(String message) {
        return new CrawlResult(false, Optional.of(requireNonNull(message, "message is null")), 0, 0, 0, 0, 0);
    }
}
