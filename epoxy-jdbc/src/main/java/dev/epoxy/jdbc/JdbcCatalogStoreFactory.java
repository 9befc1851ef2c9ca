package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.INTERNAL;
import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.catalog.CatalogStoreFactory;
import dev.epoxy.core.session.StoreSettings;
import dev.epoxy.jdbc.catalog.JdbcCatalogStore;

/**
 * Opens a {@link JdbcCatalogStore} on its own pool over the same database as the session store, migrated
 * by the same Flyway history. Interim, until one store factory hands one pool to every store.
 */
public final class JdbcCatalogStoreFactory implements CatalogStoreFactory {
    @Override
    public OpenedStore open(StoreSettings settings) {
        requireNonNull(settings, "settings is null");
        String redactedUrl = JdbcSessionStoreFactory.redactUrl(settings.jdbcUrl());
        HikariDataSource pool;
        try {
            HikariConfig config = JdbcSessionStoreFactory.poolConfig(settings);
            config.setPoolName("epoxy-catalog-store");
            pool = new HikariDataSource(config);
        }
        catch (RuntimeException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot connect to the catalog store at %s", redactedUrl);
        }
        try {
            JdbcSessionStoreFactory.migrate(pool, redactedUrl);
            return new OpenedStore(new JdbcCatalogStore(pool), pool);
        }
        catch (RuntimeException e) {
            pool.close();
            throw e instanceof EpoxyException ? e : new EpoxyException(INTERNAL, e, "Cannot migrate the catalog store at %s", redactedUrl);
        }
    }
}
