package dev.epoxy.core.crawler;

/** How the last crawl ended: Glue's {@code LastCrawlStatus}. */
public enum CrawlStatus {
    SUCCEEDED,
    CANCELLED,
    FAILED
}
