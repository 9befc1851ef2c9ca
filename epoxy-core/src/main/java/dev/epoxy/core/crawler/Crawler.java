package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A crawler as stored: its spec, its state and what its last crawl did.
 *
 * @param crawlStartedOn when the running crawl started; empty when READY
 * @param version incremented on every change (Glue's {@code Version})
 */
public record Crawler(
        String name,
        CrawlerSpec spec,
        CrawlerState state,
        Optional<Instant> crawlStartedOn,
        Optional<LastCrawl> lastCrawl,
        CrawlerMetrics metrics,
        Instant creationTime,
        Instant lastUpdated,
        long version) {
    public Crawler {
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        requireNonNull(crawlStartedOn, "crawlStartedOn is null");
        requireNonNull(lastCrawl, "lastCrawl is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(lastUpdated, "lastUpdated is null");
    }

    public static Crawler created(String name, CrawlerSpec spec, Instant now) {
        return new Crawler(name, spec, CrawlerState.READY, Optional.empty(), Optional.empty(), CrawlerMetrics.none(), now, now, 1);
    }

    public Crawler withSpec(CrawlerSpec newSpec, Instant now) {
        return new Crawler(name, newSpec, state, crawlStartedOn, lastCrawl, metrics, creationTime, now, version + 1);
    }

    public Crawler started(Instant now) {
        return new Crawler(name, spec, CrawlerState.RUNNING, Optional.of(now), lastCrawl, metrics, creationTime, lastUpdated, version);
    }

    public Crawler stopping() {
        return new Crawler(name, spec, CrawlerState.STOPPING, crawlStartedOn, lastCrawl, metrics, creationTime, lastUpdated, version);
    }

    /** READY again, with the crawl's outcome as the last crawl. */
    public Crawler ended(CrawlOutcome outcome, LastCrawl crawl, Instant now) {
        Instant started = crawlStartedOn.orElse(now);
        double runtimeSeconds = Math.max(0, now.toEpochMilli() - started.toEpochMilli()) / 1000.0;
        return new Crawler(name, spec, CrawlerState.READY, Optional.empty(), Optional.of(crawl), metrics.after(outcome, runtimeSeconds), creationTime, lastUpdated, version);
    }
}
