package dev.epoxy.jdbc;

import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.testing.TestingPostgreSqlServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh PostgreSQL databases for the store tests, all on one server per test JVM: starting a server
 * (initdb included) costs seconds, a database a few milliseconds, and a database of its own isolates a
 * test class as well as a server of its own would. The server is stopped when the JVM exits.
 */
public final class PostgreSqlDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static TestingPostgreSqlServer server;

    private PostgreSqlDatabases() {}

    /** A new, empty database. */
    public static Database create() {
        TestingPostgreSqlServer shared = server();
        String name = "store_test_" + NEXT.incrementAndGet();
        return new Database(shared.createDatabase(name), shared.user(), shared.password());
    }

    private static synchronized TestingPostgreSqlServer server() {
        if (server == null) {
            TestingPostgreSqlServer started = new TestingPostgreSqlServer();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgresql-test-server-stop"));
            server = started;
        }
        return server;
    }

    /** One database of the shared server. */
    public record Database(String jdbcUrl, String user, String password) {
        public StoreSettings settings() {
            return new StoreSettings(jdbcUrl, Optional.of(user), Optional.of(password));
        }

        /** Settings for a new, empty schema of this database (what a test's "empty database" is). */
        public StoreSettings emptySchema(String name) {
            return new StoreSettings(createSchema(name), Optional.of(user), Optional.of(password));
        }

        public StoreSettings emptySchema(String name, GlueArns arns) {
            return new StoreSettings(createSchema(name), Optional.of(user), Optional.of(password), arns);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }

        public Connection connect(StoreSettings settings) throws SQLException {
            return DriverManager.getConnection(settings.jdbcUrl(), user, password);
        }

        private String createSchema(String name) {
            try (Connection connection = connect(); Statement create = connection.createStatement()) {
                create.execute("CREATE SCHEMA " + name);
            }
            catch (SQLException e) {
                throw new IllegalStateException("Cannot create schema " + name, e);
            }
            return jdbcUrl + "?currentSchema=" + name;
        }
    }
}
