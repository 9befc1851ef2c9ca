package dev.epoxy.core.crawler;

/** Which folders a crawl lists: Glue's {@code RecrawlBehavior}. */
public enum RecrawlBehavior {
    CRAWL_EVERYTHING,
    /** Only folders that no earlier crawl of this crawler saw. */
    CRAWL_NEW_FOLDERS_ONLY,
    /** Accepted for compatibility; S3 events are not delivered, so it crawls like {@link #CRAWL_NEW_FOLDERS_ONLY}. */
    CRAWL_EVENT_MODE
}
