package dev.epoxy.jdbc;

import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;

final class TestPostgreSqlTagStore extends BaseTagStoreTest {
    private static final PostgreSqlDatabases.Database server = PostgreSqlDatabases.create();

    @Override
    protected Stores openStores() {
        return JdbcStores.open(server.settings());
    }

    @Override
    protected StoreSettings emptyDatabase(String name, GlueArns arns) {
        return server.emptySchema(name, arns);
    }
}
