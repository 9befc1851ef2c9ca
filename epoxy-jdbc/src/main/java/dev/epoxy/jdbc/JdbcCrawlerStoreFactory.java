package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.INTERNAL;
import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.crawler.CrawlerStore;
import dev.epoxy.core.crawler.CrawlerStoreFactory;
import dev.epoxy.core.session.StoreSettings;

/**
 * Opens a {@link JdbcCrawlerStore} on the same database as the session store, with a small pool of
 * its own; the schema is migrated by {@link JdbcSessionStoreFactory}'s Flyway run (V6), which this
 * factory repeats (a no-op when already applied) so that it can be opened on its own.
 */
public final class JdbcCrawlerStoreFactory implements CrawlerStoreFactory {
    private static final int MAX_POOL_SIZE = 4;

    @Override
    public CrawlerStore open(StoreSettings settings) {
        requireNonNull(settings, "settings is null");
        String redactedUrl = JdbcSessionStoreFactory.redactUrl(settings.jdbcUrl());
        HikariConfig config = JdbcSessionStoreFactory.poolConfig(settings);
        config.setPoolName("epoxy-crawler-store");
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        }
        catch (RuntimeException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot connect to the crawler store at %s", redactedUrl);
        }
        try {
            JdbcSessionStoreFactory.migrate(pool, redactedUrl);
            return new JdbcCrawlerStore(pool, pool);
        }
        catch (RuntimeException e) {
            pool.close();
            throw e instanceof EpoxyException ? e : new EpoxyException(INTERNAL, e, "Cannot migrate the crawler store at %s", redactedUrl);
        }
    }
}
