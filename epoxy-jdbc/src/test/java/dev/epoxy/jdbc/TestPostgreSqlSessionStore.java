package dev.epoxy.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestPostgreSqlSessionStore extends BaseSessionStoreTest {
    private static final PostgreSqlDatabases.Database server = PostgreSqlDatabases.create();

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return server.emptySchema(name);
    }

    @Override
    protected long countRows(String table) {
        try (Connection connection = server.connect();
                java.sql.Statement count = connection.createStatement();
                ResultSet row = count.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot count rows of " + table, e);
        }
    }

    @Override
    protected Stores openStores() {
        return JdbcStores.open(server.settings());
    }

    @Test
    void wrongPasswordFailsWithoutRevealingIt() {
        String wrongPassword = "not-the-password-" + server.password();
        StoreSettings settings = new StoreSettings(server.jdbcUrl(), Optional.of(server.user()), Optional.of(wrongPassword));

        assertThatThrownBy(() -> JdbcStores.open(settings))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("Cannot connect to the store at %s", server.jdbcUrl())
                .satisfies(e -> assertNoMessageContains(e, wrongPassword));
    }

    @Test
    void passwordInTheUrlIsRedactedFromErrors() {
        String wrongPassword = "url-secret-" + server.password();
        String url = server.jdbcUrl() + "?user=" + server.user() + "&password=" + wrongPassword + "&connectTimeout=5";
        StoreSettings settings = new StoreSettings(url, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> JdbcStores.open(settings))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Cannot connect to the store at %s?user=%s&password=***&connectTimeout=5", server.jdbcUrl(), server.user())
                .satisfies(e -> assertNoMessageContains(e, wrongPassword));
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() {
        store.createSession(SessionFixtures.provisioning("kept", SessionFixtures.EPOCH));
        stores.close();

        try (Stores reopenedStores = openStores()) {
            SessionStore reopened = reopenedStores.sessions();
            assertThat(reopened.listSessions()).extracting(session -> session.id().value()).containsExactly("kept");
        }
    }

    private static void assertNoMessageContains(Throwable thrown, String secret) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret);
        }
    }
}
