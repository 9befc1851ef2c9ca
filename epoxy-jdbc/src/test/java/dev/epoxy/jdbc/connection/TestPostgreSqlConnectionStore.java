package dev.epoxy.jdbc.connection;

import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.PostgreSqlDatabases;

final class TestPostgreSqlConnectionStore extends BaseConnectionStoreTest {
    private static final PostgreSqlDatabases.Database server = PostgreSqlDatabases.create();

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return server.emptySchema(name);
    }
}
