package dev.epoxy.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Optional and instant columns: SQL NULL is absence, instants are epoch milliseconds. */
final class Columns {
    private Columns() {}

    /**
     * Sets a string parameter. PostgreSQL cannot store U+0000 in text, so every database gets U+FFFD
     * in its place; the stores then behave the same on H2 and PostgreSQL.
     */
    static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setString(index, value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD'));
    }

    static void setOptionalString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            setText(statement, index, value.get());
        }
        else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static void setOptionalInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get().toEpochMilli());
        }
        else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    static Optional<String> getOptionalString(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    static Instant getInstant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    static Optional<Instant> getOptionalInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
