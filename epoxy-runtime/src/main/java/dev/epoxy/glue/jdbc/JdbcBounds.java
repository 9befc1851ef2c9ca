package dev.epoxy.glue.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/** The smallest and largest value of a whole-number column over the rows a read will select, asked of the database. */
record JdbcBounds(long min, long max) {
    /** Empty when no row matches (or every value is NULL). */
    static Optional<JdbcBounds> of(JdbcConnection connection, Map<String, String> sparkOptions, String relation, String quotedColumn,
            String condition) throws SQLException {
        String sql = "SELECT MIN(" + quotedColumn + "), MAX(" + quotedColumn + ") FROM " + relation + " epoxy_bounds WHERE " + condition;
        try (Connection jdbc = JdbcOptions.open(connection, sparkOptions);
                Statement statement = jdbc.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            if (!result.next()) {
                return Optional.empty();
            }
            long min = result.getLong(1);
            if (result.wasNull()) {
                return Optional.empty();
            }
            return Optional.of(new JdbcBounds(min, result.getLong(2)));
        }
    }
}
