package dev.epoxy.jdbc.job;

import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.PostgreSqlDatabases;

final class TestPostgreSqlJobStore extends BaseJobStoreTest {
    private static final PostgreSqlDatabases.Database server = PostgreSqlDatabases.create();

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return server.emptySchema(name);
    }
}
