package dev.epoxy.core.crawler;

/** Glue's {@code CrawlerState}: READY → RUNNING → (STOPPING →) READY. */
public enum CrawlerState {
    READY,
    RUNNING,
    STOPPING;

    /** Whether a crawl process may still be running. */
    public boolean isCrawling() {
        return switch (this) {
            case READY -> false;
            case RUNNING, STOPPING -> true;
        };
    }
}
