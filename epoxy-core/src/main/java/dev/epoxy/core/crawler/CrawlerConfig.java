package dev.epoxy.core.crawler;

/**
 * Settings of the crawler service.
 *
 * @param maxConcurrentCrawls crawls (each a Spark application) that may run at once
 *     ({@code epoxy.crawler.max-concurrent-crawls}); StartCrawler beyond → {@code LIMIT_EXCEEDED}
 */
public record CrawlerConfig(int maxConcurrentCrawls) {
    public CrawlerConfig {
        if (maxConcurrentCrawls < 1) {
            throw new IllegalArgumentException("maxConcurrentCrawls must be positive: " + maxConcurrentCrawls);
        }
    }

    public static CrawlerConfig defaults() {
        return new CrawlerConfig(2);
    }

    public CrawlerConfig withMaxConcurrentCrawls(int value) {
        return new CrawlerConfig(value);
    }
}
