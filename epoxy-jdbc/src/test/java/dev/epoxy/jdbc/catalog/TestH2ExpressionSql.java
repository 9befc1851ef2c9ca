package dev.epoxy.jdbc.catalog;

import dev.epoxy.core.catalog.expression.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

final class TestH2ExpressionSql extends BaseExpressionSqlTest {
    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:expression_sql;DB_CLOSE_DELAY=0");
    }

    @Override
    protected SqlDialect dialect() {
        return SqlDialect.H2;
    }
}
