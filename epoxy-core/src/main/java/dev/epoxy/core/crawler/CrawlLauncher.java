package dev.epoxy.core.crawler;

import java.util.function.Consumer;

/** Starts crawls off the request thread, each in its own process. */
public interface CrawlLauncher {
    /**
     * Starts a crawl of {@code crawler}. {@code ended} is called exactly once, on another thread, with
     * what the crawl did: its result file, or a failure naming why there is none.
     */
    CrawlHandle launch(Crawler crawler, Consumer<CrawlOutcome> ended);

    /** Kills crawl processes that an earlier server left behind (a server restarted mid-crawl). */
    void killOrphans();

    /** Where the crawler's log is, as a (group, stream) pair the API reports. */
    String logGroup();

    /** Removes what crawls of a deleted crawler left on disk. */
    void crawlerDeleted(String name);
}
