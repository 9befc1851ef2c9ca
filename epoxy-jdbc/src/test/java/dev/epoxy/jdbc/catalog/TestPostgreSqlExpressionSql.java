package dev.epoxy.jdbc.catalog;

import dev.epoxy.core.catalog.expression.SqlDialect;
import dev.epoxy.testing.TestingPostgreSqlServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

final class TestPostgreSqlExpressionSql extends BaseExpressionSqlTest {
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
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    @Override
    protected SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }
}
