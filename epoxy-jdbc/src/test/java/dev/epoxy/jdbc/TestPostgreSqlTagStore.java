package dev.epoxy.jdbc;

import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.testing.TestingPostgreSqlServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

final class TestPostgreSqlTagStore extends BaseTagStoreTest {
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
    protected Stores openStores() {
        return JdbcStores.open(new StoreSettings(server.jdbcUrl(), Optional.of(server.user()), Optional.of(server.password())));
    }

    @Override
    protected StoreSettings emptyDatabase(String name, GlueArns arns) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                java.sql.Statement create = connection.createStatement()) {
            create.execute("CREATE SCHEMA " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + name, e);
        }
        return new StoreSettings(server.jdbcUrl() + "?currentSchema=" + name, Optional.of(server.user()), Optional.of(server.password()), arns);
    }
}
