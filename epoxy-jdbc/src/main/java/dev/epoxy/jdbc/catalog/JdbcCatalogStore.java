package dev.epoxy.jdbc.catalog;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.core.ErrorCode.CONCURRENT_MODIFICATION;
import static dev.epoxy.core.ErrorCode.DATABASE_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.TABLE_NOT_FOUND;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.catalog.CatalogDatabase;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.catalog.CatalogTable;
import dev.epoxy.core.catalog.TableId;
import dev.epoxy.jdbc.JdbcWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link CatalogStore} over JDBC (schema: {@code db/migration/V4__catalog.sql}) on H2 or PostgreSQL.
 * Every lookup is by a unique key; listings are keyset pages ({@code name > ?}), so a page costs the
 * same however deep into a listing it is.
 */
public final class JdbcCatalogStore implements CatalogStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TABLE_KEY = "catalog_id = ? AND database_name = ? AND name = ?";

    private final JdbcWork transactions;

    /** @param dataSource a database migrated to at least V4 */
    public JdbcCatalogStore(DataSource dataSource) {
        this.transactions = new JdbcWork(dataSource);
    }

    @Override
    public void createDatabase(CatalogDatabase database) {
        requireNonNull(database, "database is null");
        transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO catalog_databases (catalog_id, name, document) VALUES (?, ?, ?)")) {
                insert.setString(1, database.catalogId());
                insert.setString(2, database.name());
                insert.setString(3, database.document());
                insert.executeUpdate();
            }
            catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new EpoxyException(ALREADY_EXISTS, "Database already exists: %s", database.name());
                }
                throw e;
            }
            return null;
        }, "Cannot create database %s", database.name());
    }

    @Override
    public Optional<CatalogDatabase> findDatabase(String catalogId, String name) {
        requireNonNull(catalogId, "catalogId is null");
        requireNonNull(name, "name is null");
        return transactions.query("SELECT catalog_id, name, document FROM catalog_databases WHERE catalog_id = ? AND name = ?",
                List.of(catalogId, name), JdbcCatalogStore::readDatabase, "Cannot read database %s", name).stream().findFirst();
    }

    @Override
    public List<CatalogDatabase> listDatabases(String catalogId, Optional<String> after, int limit) {
        requireNonNull(catalogId, "catalogId is null");
        requireNonNull(after, "after is null");
        return transactions.query("SELECT catalog_id, name, document FROM catalog_databases WHERE catalog_id = ? AND name > ? ORDER BY name LIMIT ?",
                List.of(catalogId, after.orElse(""), limit), JdbcCatalogStore::readDatabase, "Cannot list databases");
    }

    @Override
    public void updateDatabase(CatalogDatabase database) {
        requireNonNull(database, "database is null");
        int updated = transactions.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE catalog_databases SET document = ? WHERE catalog_id = ? AND name = ?")) {
                update.setString(1, database.document());
                update.setString(2, database.catalogId());
                update.setString(3, database.name());
                return update.executeUpdate();
            }
        }, "Cannot update database %s", database.name());
        if (updated == 0) {
            throw databaseNotFound(database.name());
        }
    }

    @Override
    public void deleteDatabase(String catalogId, String name) {
        requireNonNull(catalogId, "catalogId is null");
        requireNonNull(name, "name is null");
        int deleted = transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_databases WHERE catalog_id = ? AND name = ?")) {
                delete.setString(1, catalogId);
                delete.setString(2, name);
                return delete.executeUpdate();
            }
        }, "Cannot delete database %s", name);
        if (deleted == 0) {
            throw databaseNotFound(name);
        }
    }

    @Override
    public void createTable(CatalogTable table) {
        requireNonNull(table, "table is null");
        TableId id = table.id();
        transactions.inTransaction(connection -> {
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO catalog_tables (database_id, catalog_id, database_name, name, version_id, document) "
                            + "SELECT id, catalog_id, name, ?, ?, ? FROM catalog_databases WHERE catalog_id = ? AND name = ?")) {
                insert.setString(1, id.name());
                insert.setLong(2, table.versionId());
                insert.setString(3, table.document());
                insert.setString(4, id.catalogId());
                insert.setString(5, id.databaseName());
                inserted = insert.executeUpdate();
            }
            catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new EpoxyException(ALREADY_EXISTS, "Table already exists: %s", id);
                }
                throw e;
            }
            if (inserted == 0) {
                throw databaseNotFound(id.databaseName());
            }
            insertVersion(connection, tableKey(connection, id).orElseThrow(), table);
            return null;
        }, "Cannot create table %s", id);
    }

    @Override
    public Optional<CatalogTable> findTable(TableId id) {
        requireNonNull(id, "id is null");
        return transactions.query("SELECT catalog_id, database_name, name, version_id, document FROM catalog_tables WHERE " + TABLE_KEY,
                List.of(id.catalogId(), id.databaseName(), id.name()), JdbcCatalogStore::readTable, "Cannot read table %s", id).stream().findFirst();
    }

    @Override
    public List<CatalogTable> listTables(String catalogId, String databaseName, Optional<String> after, int limit) {
        requireNonNull(catalogId, "catalogId is null");
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(after, "after is null");
        return transactions.inConnection(connection -> {
            if (findDatabase(catalogId, databaseName).isEmpty()) {
                throw databaseNotFound(databaseName);
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT catalog_id, database_name, name, version_id, document FROM catalog_tables "
                            + "WHERE catalog_id = ? AND database_name = ? AND name > ? ORDER BY name LIMIT ?")) {
                JdbcWork.bind(select, List.of(catalogId, databaseName, after.orElse(""), limit));
                return JdbcWork.readAll(select, JdbcCatalogStore::readTable);
            }
        }, "Cannot list tables of database %s", databaseName);
    }

    @Override
    public void updateTable(CatalogTable table, long expectedVersionId) {
        update(table, expectedVersionId, true);
    }

    @Override
    public void updateTableWithoutArchive(CatalogTable table, long expectedVersionId) {
        update(table, expectedVersionId, false);
    }

    private void update(CatalogTable table, long expectedVersionId, boolean archive) {
        requireNonNull(table, "table is null");
        TableId id = table.id();
        transactions.inTransaction(connection -> {
            long key = tableKey(connection, id).orElseThrow(() -> tableNotFound(id));
            int updated;
            try (PreparedStatement update = connection.prepareStatement("UPDATE catalog_tables SET version_id = ?, document = ? WHERE id = ? AND version_id = ?")) {
                update.setLong(1, table.versionId());
                update.setString(2, table.document());
                update.setLong(3, key);
                update.setLong(4, expectedVersionId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                throw new EpoxyException(CONCURRENT_MODIFICATION, "Cannot update table %s: its version is no longer %s", id, expectedVersionId);
            }
            if (!archive) {
                deleteVersion(connection, key, expectedVersionId);
            }
            insertVersion(connection, key, table);
            return null;
        }, "Cannot update table %s", id);
    }

    @Override
    public void deleteTable(TableId id) {
        requireNonNull(id, "id is null");
        int deleted = transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_tables WHERE " + TABLE_KEY)) {
                JdbcWork.bind(delete, List.of(id.catalogId(), id.databaseName(), id.name()));
                return delete.executeUpdate();
            }
        }, "Cannot delete table %s", id);
        if (deleted == 0) {
            throw tableNotFound(id);
        }
    }

    @Override
    public List<CatalogTable> listTableVersions(TableId id, Optional<Long> beforeVersionId, int limit) {
        requireNonNull(id, "id is null");
        requireNonNull(beforeVersionId, "beforeVersionId is null");
        return transactions.inConnection(connection -> {
            long key = tableKey(connection, id).orElseThrow(() -> tableNotFound(id));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version_id, document FROM catalog_table_versions WHERE table_id = ? AND version_id < ? ORDER BY version_id DESC LIMIT ?")) {
                JdbcWork.bind(select, List.of(key, beforeVersionId.orElse(Long.MAX_VALUE), limit));
                return JdbcWork.readAll(select, row -> new CatalogTable(id, row.getLong("version_id"), row.getString("document")));
            }
        }, "Cannot list versions of table %s", id);
    }

    @Override
    public Optional<CatalogTable> findTableVersion(TableId id, long versionId) {
        requireNonNull(id, "id is null");
        return transactions.query(
                "SELECT v.version_id, v.document FROM catalog_table_versions v JOIN catalog_tables t ON v.table_id = t.id "
                        + "WHERE t.catalog_id = ? AND t.database_name = ? AND t.name = ? AND v.version_id = ?",
                List.of(id.catalogId(), id.databaseName(), id.name(), versionId),
                row -> new CatalogTable(id, row.getLong("version_id"), row.getString("document")),
                "Cannot read version %s of table %s", versionId, id).stream().findFirst();
    }

    @Override
    public void deleteTableVersion(TableId id, long versionId) {
        requireNonNull(id, "id is null");
        transactions.inTransaction(connection -> {
            long key = tableKey(connection, id).orElseThrow(() -> tableNotFound(id));
            long current;
            try (PreparedStatement select = connection.prepareStatement("SELECT version_id FROM catalog_tables WHERE id = ? FOR UPDATE")) {
                select.setLong(1, key);
                current = JdbcWork.readAll(select, row -> row.getLong(1)).get(0);
            }
            if (current == versionId) {
                throw new EpoxyException(INVALID_INPUT, "Cannot delete version %s of table %s: it is the current version", versionId, id);
            }
            if (deleteVersion(connection, key, versionId) == 0) {
                throw new EpoxyException(TABLE_NOT_FOUND, "Version %s of table %s not found", versionId, id);
            }
            return null;
        }, "Cannot delete version %s of table %s", versionId, id);
    }

    private static Optional<Long> tableKey(Connection connection, TableId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM catalog_tables WHERE " + TABLE_KEY)) {
            JdbcWork.bind(select, List.of(id.catalogId(), id.databaseName(), id.name()));
            return JdbcWork.readAll(select, row -> row.getLong(1)).stream().findFirst();
        }
    }

    private static void insertVersion(Connection connection, long tableKey, CatalogTable table) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO catalog_table_versions (table_id, version_id, document) VALUES (?, ?, ?)")) {
            insert.setLong(1, tableKey);
            insert.setLong(2, table.versionId());
            insert.setString(3, table.document());
            insert.executeUpdate();
        }
    }

    private static int deleteVersion(Connection connection, long tableKey, long versionId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_table_versions WHERE table_id = ? AND version_id = ?")) {
            delete.setLong(1, tableKey);
            delete.setLong(2, versionId);
            return delete.executeUpdate();
        }
    }

    private static CatalogDatabase readDatabase(ResultSet row) throws SQLException {
        return new CatalogDatabase(row.getString("catalog_id"), row.getString("name"), row.getString("document"));
    }

    private static CatalogTable readTable(ResultSet row) throws SQLException {
        TableId id = new TableId(row.getString("catalog_id"), row.getString("database_name"), row.getString("name"));
        return new CatalogTable(id, row.getLong("version_id"), row.getString("document"));
    }

    private static EpoxyException databaseNotFound(String name) {
        return new EpoxyException(DATABASE_NOT_FOUND, "Database not found: %s", name);
    }

    private static EpoxyException tableNotFound(TableId id) {
        return new EpoxyException(TABLE_NOT_FOUND, "Table not found: %s", id);
    }
}
