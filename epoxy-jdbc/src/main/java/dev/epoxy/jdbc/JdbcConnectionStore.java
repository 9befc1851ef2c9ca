package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.jdbc.Columns.getInstant;
import static dev.epoxy.jdbc.Columns.getOptionalString;
import static dev.epoxy.jdbc.Columns.setOptionalString;
import static dev.epoxy.jdbc.Columns.setText;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.connection.ConnectionStore;
import dev.epoxy.core.connection.StoredConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Connections in {@code connections} (migration V9): the document and the sealed secret in separate columns. */
final class JdbcConnectionStore implements ConnectionStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcWork work;

    /** @param dataSource a migrated database, shared with the other stores ({@link JdbcStores}) */
    JdbcConnectionStore(DataSource dataSource) {
        this.work = new JdbcWork(dataSource);
    }

    @Override
    public void createConnection(StoredConnection connection) {
        requireNonNull(connection, "connection is null");
        work.inTransaction(jdbc -> {
            try (PreparedStatement insert = jdbc.prepareStatement(
                    "INSERT INTO connections (name, document, sealed_password, creation_time, last_updated_time) VALUES (?, ?, ?, ?, ?)")) {
                setText(insert, 1, connection.name());
                setText(insert, 2, connection.document());
                setOptionalString(insert, 3, connection.sealedPassword());
                insert.setLong(4, connection.creationTime().toEpochMilli());
                insert.setLong(5, connection.lastUpdatedTime().toEpochMilli());
                insert.executeUpdate();
            }
            catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new EpoxyException(ALREADY_EXISTS, "Connection already exists: %s", connection.name());
                }
                throw e;
            }
            return null;
        }, "Cannot create connection %s", connection.name());
    }

    @Override
    public Optional<StoredConnection> findConnection(String name) {
        requireNonNull(name, "name is null");
        return work.query("SELECT * FROM connections WHERE name = ?", List.of(name), JdbcConnectionStore::read, "Cannot read connection %s", name)
                .stream().findFirst();
    }

    @Override
    public List<StoredConnection> listConnections(Optional<String> afterName, int limit) {
        requireNonNull(afterName, "afterName is null");
        return work.inConnection(jdbc -> {
            String where = afterName.isPresent() ? " WHERE name > ?" : "";
            try (PreparedStatement select = jdbc.prepareStatement("SELECT * FROM connections" + where + " ORDER BY name")) {
                if (afterName.isPresent()) {
                    setText(select, 1, afterName.get());
                }
                select.setMaxRows(limit);
                return JdbcWork.readAll(select, JdbcConnectionStore::read);
            }
        }, "Cannot list connections");
    }

    @Override
    public boolean updateConnection(StoredConnection connection) {
        requireNonNull(connection, "connection is null");
        return work.inTransaction(jdbc -> {
            try (PreparedStatement update = jdbc.prepareStatement(
                    "UPDATE connections SET document = ?, sealed_password = ?, last_updated_time = ? WHERE name = ?")) {
                setText(update, 1, connection.document());
                setOptionalString(update, 2, connection.sealedPassword());
                update.setLong(3, connection.lastUpdatedTime().toEpochMilli());
                setText(update, 4, connection.name());
                return update.executeUpdate() == 1;
            }
        }, "Cannot update connection %s", connection.name());
    }

    @Override
    public boolean deleteConnection(String name) {
        requireNonNull(name, "name is null");
        return work.inTransaction(jdbc -> {
            try (PreparedStatement delete = jdbc.prepareStatement("DELETE FROM connections WHERE name = ?")) {
                setText(delete, 1, name);
                return delete.executeUpdate() == 1;
            }
        }, "Cannot delete connection %s", name);
    }

    private static StoredConnection read(ResultSet row) throws SQLException {
        return new StoredConnection(row.getString("name"), row.getString("document"), getOptionalString(row, "sealed_password"),
                getInstant(row, "creation_time"), getInstant(row, "last_updated_time"));
    }
}
