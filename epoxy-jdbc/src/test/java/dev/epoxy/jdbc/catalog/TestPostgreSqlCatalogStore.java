package dev.epoxy.jdbc.catalog;

import dev.epoxy.jdbc.PostgreSqlDatabases;
import dev.epoxy.core.store.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;

final class TestPostgreSqlCatalogStore extends BaseCatalogStoreTest {
    private static final PostgreSqlDatabases.Database server = PostgreSqlDatabases.create();

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return server.emptySchema(name);
    }

    @Override
    protected Connection connect(StoreSettings settings) throws SQLException {
        return server.connect(settings);
    }
}
