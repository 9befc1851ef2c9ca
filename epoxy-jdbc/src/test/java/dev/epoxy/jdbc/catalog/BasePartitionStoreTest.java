package dev.epoxy.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.catalog.CatalogDatabase;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.catalog.CatalogTable;
import dev.epoxy.core.catalog.TableId;
import dev.epoxy.core.catalog.expression.PartitionExpression;
import dev.epoxy.core.catalog.expression.PartitionKey;
import dev.epoxy.core.catalog.partition.PartitionPage;
import dev.epoxy.core.catalog.partition.PartitionQuery;
import dev.epoxy.core.catalog.partition.PartitionSegment;
import dev.epoxy.core.catalog.partition.PartitionStore;
import dev.epoxy.core.catalog.partition.StoredPartition;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link PartitionStore} contract, run on each database. */
abstract class BasePartitionStoreTest {
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "string"), new PartitionKey("month", "int"));

    private static final String CATALOG = "123456789012";

    private JdbcStores opened;
    private StoreSettings settings;
    private CatalogStore catalog;
    private PartitionStore store;
    private TableId table;
    private int databaseCount;
    private int tableCount;

    /** Settings of a new, empty database (or schema) named {@code name}. */
    protected abstract StoreSettings emptyDatabase(String name);

    /** A plain connection to the database the current test's store uses. */
    protected abstract Connection connect(StoreSettings settings) throws SQLException;

    @BeforeEach
    void openStore() {
        settings = emptyDatabase("partitions" + (databaseCount++) + "_" + System.nanoTime() % 1_000_000);
        opened = JdbcStores.open(settings);
        catalog = opened.catalog();
        store = opened.partitions();
        catalog.createDatabase(new CatalogDatabase(CATALOG, "sales", "{}"));
        table = newTable();
    }

    @AfterEach
    void closeStore() {
        if (opened != null) {
            opened.close();
        }
    }

    private TableId newTable() {
        TableId id = new TableId(CATALOG, "sales", "events" + (tableCount++));
        catalog.createTable(new CatalogTable(id, 0, "{}"));
        return id;
    }

    private long countValueRows() {
        try (Connection connection = connect(settings);
                java.sql.Statement count = connection.createStatement();
                ResultSet row = count.executeQuery("SELECT COUNT(*) FROM catalog_partition_values")) {
            row.next();
            return row.getLong(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot count partition values", e);
        }
    }

    private static StoredPartition partition(String year, int month) {
        return new StoredPartition(List.of(year, String.valueOf(month)), "{\"Values\":[\"%s\",\"%s\"]}".formatted(year, month));
    }

    private PartitionPage list(Optional<String> expression, Optional<PartitionSegment> segment, long afterId, int max) {
        return store.listPartitions(table, new PartitionQuery(expression.map(text -> PartitionExpression.parse(text).bind(KEYS)), segment, afterId, max));
    }

    private List<List<String>> listAll(Optional<String> expression, Optional<PartitionSegment> segment, int pageSize) {
        List<List<String>> values = new ArrayList<>();
        long after = 0;
        while (true) {
            PartitionPage page = list(expression, segment, after, pageSize);
            page.partitions().forEach(partition -> values.add(partition.values()));
            if (page.nextAfterId().isEmpty()) {
                return values;
            }
            after = page.nextAfterId().get();
        }
    }

    @Test
    void createsFindsAndRefusesDuplicates() {
        store.createPartition(table, KEYS, partition("2026", 2));
        assertThat(store.findPartition(table, List.of("2026", "2"))).contains(partition("2026", 2));
        assertThat(store.findPartition(table, List.of("2026", "3"))).isEmpty();
        assertThatThrownBy(() -> store.createPartition(table, KEYS, partition("2026", 2)))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        TableId other = newTable();
        store.createPartition(other, KEYS, partition("2026", 2));
        assertThat(store.findPartition(other, List.of("2026", "2"))).isPresent();
    }

    @Test
    void batchCreationReportsExistingAndRepeatedValues() {
        store.createPartition(table, KEYS, partition("2026", 1));
        List<List<String>> existing = store.createPartitionsIfAbsent(table, KEYS,
                List.of(partition("2026", 1), partition("2026", 2), partition("2026", 2), partition("2026", 3)));
        assertThat(existing).containsExactly(List.of("2026", "1"), List.of("2026", "2"));
        assertThat(listAll(Optional.empty(), Optional.empty(), 100)).containsExactly(List.of("2026", "1"), List.of("2026", "2"), List.of("2026", "3"));
    }

    @Test
    void pagesSegmentsAndFiltersInTheDatabase() {
        List<List<String>> all = new ArrayList<>();
        IntStream.rangeClosed(1, 37).forEach(month -> {
            store.createPartition(table, KEYS, partition(month % 2 == 0 ? "2026" : "2025", month));
            all.add(List.of(month % 2 == 0 ? "2026" : "2025", String.valueOf(month)));
        });
        assertThat(listAll(Optional.empty(), Optional.empty(), 10)).isEqualTo(all);
        PartitionPage first = list(Optional.empty(), Optional.empty(), 0, 37);
        assertThat(first.partitions()).hasSize(37);
        assertThat(first.nextAfterId()).isEmpty();

        List<List<String>> segments = new ArrayList<>();
        for (int number = 0; number < 3; number++) {
            List<List<String>> segment = listAll(Optional.empty(), Optional.of(new PartitionSegment(number, 3)), 4);
            assertThat(segment).isNotEmpty();
            segments.addAll(segment);
        }
        assertThat(segments).containsExactlyInAnyOrderElementsOf(all);

        assertThat(listAll(Optional.of("year = '2026' and month > 30"), Optional.empty(), 2))
                .containsExactly(List.of("2026", "32"), List.of("2026", "34"), List.of("2026", "36"));
    }

    @Test
    void updatesInPlaceOrToNewValues() {
        store.createPartition(table, KEYS, partition("2026", 1));
        store.createPartition(table, KEYS, partition("2026", 2));
        store.updatePartition(table, KEYS, List.of("2026", "1"), new StoredPartition(List.of("2026", "1"), "{\"updated\":true}"));
        assertThat(store.findPartition(table, List.of("2026", "1")).orElseThrow().json()).isEqualTo("{\"updated\":true}");

        store.updatePartition(table, KEYS, List.of("2026", "1"), partition("2027", 7));
        assertThat(store.findPartition(table, List.of("2026", "1"))).isEmpty();
        assertThat(listAll(Optional.of("month = 7"), Optional.empty(), 10)).containsExactly(List.of("2027", "7"));

        assertThatThrownBy(() -> store.updatePartition(table, KEYS, List.of("2027", "7"), partition("2026", 2)))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThatThrownBy(() -> store.updatePartition(table, KEYS, List.of("1999", "1"), partition("1999", 1)))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND));
    }

    @Test
    void retypingRecomputesTypedValues() {
        List<PartitionKey> asStrings = List.of(new PartitionKey("year", "string"), new PartitionKey("month", "string"));
        store.createPartition(table, asStrings, partition("2026", 9));
        store.createPartition(table, asStrings, partition("2026", 10));
        // with string types nothing was stored as a number: a typed comparison matches nothing
        assertThat(listAll(Optional.of("month > 9"), Optional.empty(), 10)).isEmpty();
        store.retypePartitionValues(table, KEYS);
        assertThat(listAll(Optional.of("month > 9"), Optional.empty(), 10)).containsExactly(List.of("2026", "10"));
    }

    @Test
    void deletesAndCascadesFromTheTableAndDatabase() {
        store.createPartition(table, KEYS, partition("2026", 1));
        store.createPartition(table, KEYS, partition("2026", 2));
        assertThat(store.deletePartition(table, List.of("2026", "1"))).isTrue();
        assertThat(store.deletePartition(table, List.of("2026", "1"))).isFalse();
        assertThat(store.findPartition(table, List.of("2026", "1"))).isEmpty();
        long before = countValueRows();
        catalog.deleteTable(table);
        assertThat(countValueRows()).isEqualTo(before - KEYS.size());
        assertThatThrownBy(() -> store.findPartition(table, List.of("2026", "2")))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));

        TableId other = newTable();
        store.createPartition(other, KEYS, partition("2026", 3));
        catalog.deleteDatabase(CATALOG, "sales");
        assertThat(countValueRows()).isZero();
    }
}
