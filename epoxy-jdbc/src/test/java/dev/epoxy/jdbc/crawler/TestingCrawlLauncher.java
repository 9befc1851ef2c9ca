package dev.epoxy.jdbc.crawler;

import dev.epoxy.core.crawler.CrawlHandle;
import dev.epoxy.core.crawler.CrawlLauncher;
import dev.epoxy.core.crawler.CrawlOutcome;
import dev.epoxy.core.crawler.Crawler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A hand-written launcher for the state machine's tests: a crawl "runs" until the test ends it with
 * {@link #finish}, or until it is stopped (then it ends the way a killed process does, with no result).
 */
final class TestingCrawlLauncher implements CrawlLauncher {
    final List<String> launched = new ArrayList<>();
    final List<String> stopped = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    int orphanKills;
    private final Map<String, Consumer<CrawlOutcome>> running = new ConcurrentHashMap<>();

    @Override
    public synchronized CrawlHandle launch(Crawler crawler, Consumer<CrawlOutcome> ended) {
        launched.add(crawler.name());
        running.put(crawler.name(), ended);
        return () -> {
            synchronized (this) {
                stopped.add(crawler.name());
            }
            finish(crawler.name(), CrawlOutcome.failed("killed"));
        };
    }

    /** Ends the named crawl with this outcome, as its process exiting would. */
    void finish(String name, CrawlOutcome outcome) {
        Consumer<CrawlOutcome> ended = running.remove(name);
        if (ended != null) {
            ended.accept(outcome);
        }
    }

    @Override
    public synchronized void killOrphans() {
        orphanKills++;
    }

    @Override
    public String logGroup() {
        return "/aws-glue/crawlers";
    }

    @Override
    public synchronized void crawlerDeleted(String name) {
        deleted.add(name);
    }
}
