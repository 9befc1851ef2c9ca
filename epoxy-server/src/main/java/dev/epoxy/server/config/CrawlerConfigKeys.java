package dev.epoxy.server.config;

import dev.epoxy.core.crawler.CrawlerConfig;
import dev.epoxy.server.config.ConfigKey.ValueType;
import java.util.List;

/** Keys of the crawler service, read into core's {@link CrawlerConfig}. */
public final class CrawlerConfigKeys {
    public static final ConfigKey MAX_CONCURRENT_CRAWLS = ConfigKey.of("epoxy.crawler.max-concurrent-crawls", ValueType.POSITIVE_INTEGER, "2",
            "Crawls that may run at once, each its own Spark application; more → ResourceNumberLimitExceededException.");

    public static final List<ConfigKey> KEYS = List.of(MAX_CONCURRENT_CRAWLS);

    private CrawlerConfigKeys() {}

    public static CrawlerConfig crawlerConfig(EpoxyConfig config) {
        return new CrawlerConfig(config.getInt(MAX_CONCURRENT_CRAWLS));
    }
}
