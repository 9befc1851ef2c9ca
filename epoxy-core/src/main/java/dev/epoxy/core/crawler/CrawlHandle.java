package dev.epoxy.core.crawler;

/** One running crawl process. */
public interface CrawlHandle {
    /** Kills the crawl's process group; the listener then hears of a cancelled crawl. Idempotent. */
    void stop();
}
