package dev.epoxy.jdbc.catalog;

import dev.epoxy.jdbc.PostgreSqlDatabases;
import dev.epoxy.core.catalog.expression.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;

final class TestPostgreSqlExpressionSql extends BaseExpressionSqlTest {
    private static final PostgreSqlDatabases.Database server = PostgreSqlDatabases.create();

    @Override
    protected Connection connect() throws SQLException {
        return server.connect();
    }

    @Override
    protected SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }
}
