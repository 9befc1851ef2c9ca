package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Glue's {@code LastCrawlInfo}. The log group and stream name where the crawl's log is: the group is
 * {@code /aws-glue/crawlers}, and the stream is the crawler's name, whose log file is
 * {@code <home>/crawlers/<name>/crawl.log} on the server.
 */
public record LastCrawl(CrawlStatus status, Optional<String> errorMessage, String logGroup, String logStream, String messagePrefix, Instant startTime) {
    public LastCrawl {
        requireNonNull(status, "status is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(logGroup, "logGroup is null");
        requireNonNull(logStream, "logStream is null");
        requireNonNull(messagePrefix, "messagePrefix is null");
        requireNonNull(startTime, "startTime is null");
    }
}
