package dev.epoxy.jdbc.job;

import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.testing.TestingPostgreSqlServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

final class TestPostgreSqlJobStore extends BaseJobStoreTest {
    private static TestingPostgreSqlServer server;

    @BeforeAll
    static void startServer() {
        server = new TestingPostgreSqlServer();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected StoreSettings emptyDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                java.sql.Statement create = connection.createStatement()) {
            create.execute("CREATE SCHEMA " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + name, e);
        }
        return new StoreSettings(server.jdbcUrl() + "?currentSchema=" + name, Optional.of(server.user()), Optional.of(server.password()));
    }
}
