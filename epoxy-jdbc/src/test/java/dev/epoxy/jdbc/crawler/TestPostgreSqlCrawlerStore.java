package dev.epoxy.jdbc.crawler;

import dev.epoxy.jdbc.PostgreSqlDatabases;
import dev.epoxy.core.store.StoreSettings;

final class TestPostgreSqlCrawlerStore extends BaseCrawlerStoreTest {
    private static final PostgreSqlDatabases.Database server = PostgreSqlDatabases.create();

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return server.emptySchema(name);
    }
}
