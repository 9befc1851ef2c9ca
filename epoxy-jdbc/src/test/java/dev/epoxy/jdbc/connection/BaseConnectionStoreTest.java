package dev.epoxy.jdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.connection.ConnectionStore;
import dev.epoxy.core.connection.StoredConnection;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.JdbcStores;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ConnectionStore}, run against every database; each test starts from an empty, migrated one. */
public abstract class BaseConnectionStoreTest {
    private static final String UNICODE = "Grüße, 日本語, 🚀, \"quoted\" 'single'";
    private static final Instant CREATED = Instant.ofEpochMilli(1_780_000_000_123L);

    private JdbcStores opened;
    private ConnectionStore store;
    private int databaseCount;

    /** Settings of a new, empty database (or schema) named {@code name}. */
    protected abstract StoreSettings emptyDatabase(String name);

    @BeforeEach
    void openStore() {
        opened = JdbcStores.open(emptyDatabase("connections" + (databaseCount++) + "_" + System.nanoTime() % 1_000_000));
        store = opened.connections();
    }

    @AfterEach
    void closeStore() {
        opened.close();
    }

    private static StoredConnection connection(String name, Optional<String> sealed) {
        return new StoredConnection(name, "{\"Description\":\"" + UNICODE + "\"}", sealed, CREATED, CREATED);
    }

    @Test
    void createdConnectionsReadBackWithTheirSealedSecretApart() {
        StoredConnection sales = connection("sales-db", Optional.of("v1:k1:c2VhbGVk"));
        StoredConnection open = connection("open-db", Optional.empty());
        store.createConnection(sales);
        store.createConnection(open);

        assertThat(store.findConnection("sales-db")).contains(sales);
        assertThat(store.findConnection("open-db")).contains(open);
        assertThat(store.findConnection("missing")).isEmpty();
        assertThatThrownBy(() -> store.createConnection(sales))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS))
                .hasMessage("Connection already exists: sales-db");
    }

    @Test
    void listsPageInNameOrder() {
        for (String name : List.of("c", "a", "d", "b")) {
            store.createConnection(connection(name, Optional.empty()));
        }
        assertThat(store.listConnections(Optional.empty(), 2)).extracting(StoredConnection::name).containsExactly("a", "b");
        assertThat(store.listConnections(Optional.of("b"), 2)).extracting(StoredConnection::name).containsExactly("c", "d");
        assertThat(store.listConnections(Optional.of("d"), 2)).isEmpty();
    }

    @Test
    void updatesReplaceDocumentAndSecretKeepingTheCreationTimeAndDeletesRemove() {
        store.createConnection(connection("sales-db", Optional.of("v1:k1:b2xk")));
        Instant later = CREATED.plusSeconds(60);
        StoredConnection updated = new StoredConnection("sales-db", "{\"Description\":\"new\"}", Optional.empty(), later, later);

        assertThat(store.updateConnection(updated)).isTrue();
        assertThat(store.findConnection("sales-db")).contains(new StoredConnection("sales-db", "{\"Description\":\"new\"}", Optional.empty(), CREATED, later));
        assertThat(store.updateConnection(connection("missing", Optional.empty()))).isFalse();
        assertThat(store.deleteConnection("sales-db")).isTrue();
        assertThat(store.deleteConnection("sales-db")).isFalse();
        assertThat(store.findConnection("sales-db")).isEmpty();
    }

    @Test
    void theRecordsTextNeverShowsTheSealedSecret() {
        assertThat(connection("sales-db", Optional.of("v1:k1:c2VhbGVk")).toString()).doesNotContain("c2VhbGVk").contains("****");
    }
}
