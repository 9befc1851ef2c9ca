package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of the last crawl and the runtimes of recent ones (Glue's {@code CrawlerMetrics}).
 *
 * @param recentRuntimesSeconds runtimes of the last {@link #MAX_RUNTIMES} crawls, oldest first, for the median
 */
public record CrawlerMetrics(int tablesCreated, int tablesUpdated, int tablesDeleted, List<Double> recentRuntimesSeconds) {
    public static final int MAX_RUNTIMES = 20;

    public CrawlerMetrics {
        recentRuntimesSeconds = List.copyOf(requireNonNull(recentRuntimesSeconds, "recentRuntimesSeconds is null"));
    }

    public static CrawlerMetrics none() {
        return new CrawlerMetrics(0, 0, 0, List.of());
    }

    public double lastRuntimeSeconds() {
        return recentRuntimesSeconds.isEmpty() ? 0 : recentRuntimesSeconds.get(recentRuntimesSeconds.size() - 1);
    }

    public double medianRuntimeSeconds() {
        if (recentRuntimesSeconds.isEmpty()) {
            return 0;
        }
        List<Double> sorted = recentRuntimesSeconds.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The metrics after a crawl with this outcome that ran this long. */
    public CrawlerMetrics after(CrawlOutcome outcome, double runtimeSeconds) {
        List<Double> runtimes = new ArrayList<>(recentRuntimesSeconds);
        runtimes.add(runtimeSeconds);
        while (runtimes.size() > MAX_RUNTIMES) {
            runtimes.remove(0);
        }
        return new CrawlerMetrics(outcome.tablesCreated(), outcome.tablesUpdated(), outcome.tablesDeleted(), runtimes);
    }
}
