package dev.epoxy.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.catalog.CatalogDatabase;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.catalog.CatalogTable;
import dev.epoxy.core.catalog.TableId;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link CatalogStore}, run against every database. Each test starts from an empty, migrated database. */
public abstract class BaseCatalogStoreTest {
    private static final String CATALOG = "123456789012";
    private static final String UNICODE = "Grüße, 日本語, 🚀👍🏽, \\\"quoted\\\" 'single' \\t tab";

    private JdbcStores opened;
    protected CatalogStore store;
    private int databaseCount;

    /** Settings of a new, empty database (or schema) named {@code name}. */
    protected abstract StoreSettings emptyDatabase(String name);

    /** A plain connection to the database the current test's store uses. */
    protected abstract Connection connect(StoreSettings settings) throws SQLException;

    private StoreSettings settings;

    @BeforeEach
    void openStore() {
        settings = emptyDatabase("catalog" + (databaseCount++) + "_" + System.nanoTime() % 1_000_000);
        opened = JdbcStores.open(settings);
        store = opened.catalog();
    }

    @AfterEach
    void closeStore() throws Exception {
        opened.close();
    }

    @Test
    void databaseIsFoundByCatalogAndName() {
        CatalogDatabase database = database("sales", "{\"Name\":\"sales\",\"Description\":\"" + UNICODE + "\"}");
        store.createDatabase(database);

        assertThat(store.findDatabase(CATALOG, "sales")).contains(database);
        assertThat(store.findDatabase(CATALOG, "other")).isEmpty();
        assertThat(store.findDatabase("210987654321", "sales")).isEmpty();
    }

    @Test
    void duplicateDatabaseIsRefusedButOtherCatalogsMayUseTheName() {
        store.createDatabase(database("sales", "{}"));

        assertFails(() -> store.createDatabase(database("sales", "{\"second\":true}")), ErrorCode.ALREADY_EXISTS, "Database already exists: sales");
        store.createDatabase(new CatalogDatabase("210987654321", "sales", "{}"));
        assertThat(store.findDatabase(CATALOG, "sales").orElseThrow().document()).isEqualTo("{}");
    }

    @Test
    void databasesArePagedInNameOrder() {
        for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
            store.createDatabase(database(name, "{}"));
        }
        store.createDatabase(new CatalogDatabase("210987654321", "aaa", "{}"));

        assertThat(names(store.listDatabases(CATALOG, Optional.empty(), 2))).containsExactly("alpha", "bravo");
        assertThat(names(store.listDatabases(CATALOG, Optional.of("bravo"), 2))).containsExactly("charlie", "delta");
        assertThat(names(store.listDatabases(CATALOG, Optional.of("delta"), 2))).containsExactly("echo");
        assertThat(store.listDatabases(CATALOG, Optional.of("echo"), 2)).isEmpty();
    }

    @Test
    void updateReplacesTheDatabaseDocument() {
        store.createDatabase(database("sales", "{\"v\":1}"));
        store.updateDatabase(database("sales", "{\"v\":2}"));

        assertThat(store.findDatabase(CATALOG, "sales").orElseThrow().document()).isEqualTo("{\"v\":2}");
        assertFails(() -> store.updateDatabase(database("missing", "{}")), ErrorCode.DATABASE_NOT_FOUND, "Database not found: missing");
    }

    @Test
    void deletingADatabaseDeletesItsTablesAndVersions() throws SQLException {
        store.createDatabase(database("sales", "{}"));
        store.createDatabase(database("kept", "{}"));
        store.createTable(table("sales", "orders", 0, "{\"v\":0}"));
        store.updateTable(table("sales", "orders", 1, "{\"v\":1}"), 0);
        store.createTable(table("kept", "orders", 0, "{}"));

        store.deleteDatabase(CATALOG, "sales");

        assertThat(store.findDatabase(CATALOG, "sales")).isEmpty();
        assertThat(store.findTable(tableId("sales", "orders"))).isEmpty();
        assertThat(countRows("catalog_tables")).isEqualTo(1);
        assertThat(countRows("catalog_table_versions")).isEqualTo(1);
        assertFails(() -> store.deleteDatabase(CATALOG, "sales"), ErrorCode.DATABASE_NOT_FOUND, "Database not found: sales");
        // The name is free again, and the new database starts empty.
        store.createDatabase(database("sales", "{}"));
        assertThat(store.listTables(CATALOG, "sales", Optional.empty(), 10)).isEmpty();
    }

    @Test
    void tableNeedsItsDatabaseAndAUniqueName() {
        assertFails(() -> store.createTable(table("missing", "orders", 0, "{}")), ErrorCode.DATABASE_NOT_FOUND, "Database not found: missing");

        store.createDatabase(database("sales", "{}"));
        store.createDatabase(database("other", "{}"));
        CatalogTable orders = table("sales", "orders", 0, "{\"Name\":\"orders\",\"Description\":\"" + UNICODE + "\"}");
        store.createTable(orders);
        store.createTable(table("other", "orders", 0, "{}"));

        assertFails(() -> store.createTable(table("sales", "orders", 0, "{}")), ErrorCode.ALREADY_EXISTS, "Table already exists: sales.orders");
        assertThat(store.findTable(tableId("sales", "orders"))).contains(orders);
        assertThat(store.findTableVersion(tableId("sales", "orders"), 0)).contains(orders);
    }

    @Test
    void tablesArePagedInNameOrderWithinTheirDatabase() {
        store.createDatabase(database("sales", "{}"));
        store.createDatabase(database("other", "{}"));
        for (String name : List.of("c", "a", "b")) {
            store.createTable(table("sales", name, 0, "{}"));
        }
        store.createTable(table("other", "aa", 0, "{}"));

        assertThat(store.listTables(CATALOG, "sales", Optional.empty(), 2)).extracting(table -> table.id().name()).containsExactly("a", "b");
        assertThat(store.listTables(CATALOG, "sales", Optional.of("b"), 2)).extracting(table -> table.id().name()).containsExactly("c");
        assertFails(() -> store.listTables(CATALOG, "missing", Optional.empty(), 2), ErrorCode.DATABASE_NOT_FOUND, "Database not found: missing");
    }

    @Test
    void updateArchivesThePreviousVersion() {
        store.createDatabase(database("sales", "{}"));
        store.createTable(table("sales", "orders", 0, "{\"v\":0}"));
        store.updateTable(table("sales", "orders", 1, "{\"v\":1}"), 0);
        store.updateTable(table("sales", "orders", 2, "{\"v\":2}"), 1);

        TableId id = tableId("sales", "orders");
        assertThat(store.findTable(id)).contains(table("sales", "orders", 2, "{\"v\":2}"));
        assertThat(store.listTableVersions(id, Optional.empty(), 10)).extracting(CatalogTable::versionId, CatalogTable::document)
                .containsExactly(tuple(2L, "{\"v\":2}"), tuple(1L, "{\"v\":1}"), tuple(0L, "{\"v\":0}"));
        assertThat(store.listTableVersions(id, Optional.empty(), 2)).extracting(CatalogTable::versionId).containsExactly(2L, 1L);
        assertThat(store.listTableVersions(id, Optional.of(1L), 2)).extracting(CatalogTable::versionId).containsExactly(0L);
        assertThat(store.findTableVersion(id, 1)).contains(table("sales", "orders", 1, "{\"v\":1}"));
    }

    @Test
    void updateWithoutArchiveReplacesTheCurrentVersion() {
        store.createDatabase(database("sales", "{}"));
        store.createTable(table("sales", "orders", 0, "{\"v\":0}"));
        store.updateTable(table("sales", "orders", 1, "{\"v\":1}"), 0);
        store.updateTableWithoutArchive(table("sales", "orders", 2, "{\"v\":2}"), 1);

        assertThat(store.listTableVersions(tableId("sales", "orders"), Optional.empty(), 10)).extracting(CatalogTable::versionId).containsExactly(2L, 0L);
        assertThat(store.findTableVersion(tableId("sales", "orders"), 1)).isEmpty();
    }

    @Test
    void updateOfAnOutdatedVersionOrAMissingTableFails() {
        store.createDatabase(database("sales", "{}"));
        store.createTable(table("sales", "orders", 0, "{}"));
        store.updateTable(table("sales", "orders", 1, "{\"v\":1}"), 0);

        assertFails(() -> store.updateTable(table("sales", "orders", 1, "{\"lost\":true}"), 0), ErrorCode.CONCURRENT_MODIFICATION,
                "Cannot update table sales.orders: its version is no longer 0");
        assertFails(() -> store.updateTable(table("sales", "missing", 1, "{}"), 0), ErrorCode.TABLE_NOT_FOUND, "Table not found: sales.missing");
        assertThat(store.findTable(tableId("sales", "orders")).orElseThrow().document()).isEqualTo("{\"v\":1}");
    }

    @Test
    void concurrentUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
        store.createDatabase(database("sales", "{}"));
        store.createTable(table("sales", "orders", 0, "{}"));
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String document = "{\"writer\":" + i + "}";
                Callable<Boolean> update = () -> {
                    start.await();
                    try {
                        store.updateTable(table("sales", "orders", 1, document), 0);
                        return true;
                    }
                    catch (EpoxyException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
                        return false;
                    }
                };
                results.add(executor.submit(update));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(store.listTableVersions(tableId("sales", "orders"), Optional.empty(), 10)).extracting(CatalogTable::versionId).containsExactly(1L, 0L);
    }

    @Test
    void archivedVersionsCanBeDeletedButNotTheCurrentOne() {
        store.createDatabase(database("sales", "{}"));
        store.createTable(table("sales", "orders", 0, "{}"));
        store.updateTable(table("sales", "orders", 1, "{}"), 0);
        TableId id = tableId("sales", "orders");

        assertFails(() -> store.deleteTableVersion(id, 1), ErrorCode.INVALID_INPUT, "Cannot delete version 1 of table sales.orders: it is the current version");
        store.deleteTableVersion(id, 0);
        assertFails(() -> store.deleteTableVersion(id, 0), ErrorCode.TABLE_NOT_FOUND, "Version 0 of table sales.orders not found");
        assertFails(() -> store.deleteTableVersion(tableId("sales", "missing"), 0), ErrorCode.TABLE_NOT_FOUND, "Table not found: sales.missing");
        assertThat(store.listTableVersions(id, Optional.empty(), 10)).extracting(CatalogTable::versionId).containsExactly(1L);
    }

    @Test
    void deletingATableDeletesItsVersionsAndFreesItsName() throws SQLException {
        store.createDatabase(database("sales", "{}"));
        store.createTable(table("sales", "orders", 0, "{\"old\":true}"));
        store.updateTable(table("sales", "orders", 1, "{}"), 0);

        store.deleteTable(tableId("sales", "orders"));

        assertThat(store.findTable(tableId("sales", "orders"))).isEmpty();
        assertThat(countRows("catalog_table_versions")).isZero();
        assertFails(() -> store.deleteTable(tableId("sales", "orders")), ErrorCode.TABLE_NOT_FOUND, "Table not found: sales.orders");
        assertFails(() -> store.listTableVersions(tableId("sales", "orders"), Optional.empty(), 10), ErrorCode.TABLE_NOT_FOUND, "Table not found: sales.orders");
        store.createTable(table("sales", "orders", 0, "{\"new\":true}"));
        assertThat(store.listTableVersions(tableId("sales", "orders"), Optional.empty(), 10)).extracting(CatalogTable::document).containsExactly("{\"new\":true}");
    }

    @Test
    void dataSurvivesReopeningTheStore() throws Exception {
        store.createDatabase(database("sales", "{\"kept\":true}"));
        store.createTable(table("sales", "orders", 0, "{}"));
        store.updateTable(table("sales", "orders", 1, "{\"v\":1}"), 0);
        opened.close();

        opened = JdbcStores.open(settings);
        store = opened.catalog();
        assertThat(store.findDatabase(CATALOG, "sales").orElseThrow().document()).isEqualTo("{\"kept\":true}");
        assertThat(store.listTableVersions(tableId("sales", "orders"), Optional.empty(), 10)).extracting(CatalogTable::versionId).containsExactly(1L, 0L);
    }

    private long countRows(String table) throws SQLException {
        try (Connection connection = connect(settings);
                java.sql.Statement count = connection.createStatement();
                ResultSet row = count.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static List<String> names(List<CatalogDatabase> databases) {
        return databases.stream().map(CatalogDatabase::name).toList();
    }

    private static CatalogDatabase database(String name, String document) {
        return new CatalogDatabase(CATALOG, name, document);
    }

    private static TableId tableId(String database, String name) {
        return new TableId(CATALOG, database, name);
    }

    private static CatalogTable table(String database, String name, long version, String document) {
        return new CatalogTable(tableId(database, name), version, document);
    }

    private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }
}
