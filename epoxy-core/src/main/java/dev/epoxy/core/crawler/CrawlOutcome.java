package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What one crawl did, as its process reports it (or as the server finds it when the process died). */
public record CrawlOutcome(CrawlStatus status, Optional<String> errorMessage, int tablesCreated, int tablesUpdated, int tablesDeleted) {
    public CrawlOutcome {
        requireNonNull(status, "status is null");
        requireNonNull(errorMessage, "errorMessage is null");
    }

    public static CrawlOutcome failed(String message) {
        return new CrawlOutcome(CrawlStatus.FAILED, Optional.of(message), 0, 0, 0);
    }

    public static CrawlOutcome cancelled() {
        return new CrawlOutcome(CrawlStatus.CANCELLED, Optional.empty(), 0, 0, 0);
    }

    public CrawlOutcome withStatus(CrawlStatus newStatus) {
        return new CrawlOutcome(newStatus, errorMessage, tablesCreated, tablesUpdated, tablesDeleted);
    }
}
