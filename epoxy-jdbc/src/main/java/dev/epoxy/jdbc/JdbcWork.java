package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.INTERNAL;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Connections and transactions of one store over the shared pool: work runs on a connection of its own,
 * an {@link EpoxyException} it throws passes unchanged, and any other failure becomes {@code INTERNAL}
 * with the store's message (the driver's message stays as the cause: it names tables and values, never
 * the password).
 */
public final class JdbcWork {
    private final DataSource dataSource;

    public JdbcWork(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    public <T> List<T> query(String sql, List<Object> parameters, RowReader<T> reader, String failureFormat, Object... args) {
        return inConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, parameters);
                return readAll(select, reader);
            }
        }, failureFormat, args);
    }

    public <T> T inConnection(SqlWork<T> work, String failureFormat, Object... args) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        }
        catch (SQLException | RuntimeException e) {
            throw wrap(e, failureFormat, args);
        }
    }

    public <T> T inTransaction(SqlWork<T> work, String failureFormat, Object... args) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            }
            catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                }
                catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            finally {
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException | RuntimeException e) {
            throw wrap(e, failureFormat, args);
        }
    }

    public static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof String text) {
                statement.setString(i + 1, text);
            }
            else if (parameter instanceof Integer number) {
                statement.setInt(i + 1, number);
            }
            else if (parameter instanceof Long number) {
                statement.setLong(i + 1, number);
            }
            else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    public static <T> List<T> readAll(PreparedStatement statement, RowReader<T> reader) throws SQLException {
        List<T> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(reader.read(rows));
            }
        }
        return List.copyOf(values);
    }

    private static EpoxyException wrap(Exception e, String failureFormat, Object... args) {
        if (e instanceof EpoxyException epoxyException) {
            return epoxyException;
        }
        return new EpoxyException(INTERNAL, e, failureFormat, args);
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }
}
