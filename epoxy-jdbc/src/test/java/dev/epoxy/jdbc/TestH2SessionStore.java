package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.SessionFixtures.at;
import static dev.epoxy.jdbc.SessionFixtures.fullSession;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestH2SessionStore extends BaseSessionStoreTest {
    @TempDir
    Path home;

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return new StoreSettings("jdbc:h2:file:" + home.resolve(name + "/epoxy"), Optional.empty(), Optional.empty());
    }

    @Test
    void spaceOfAPurgedHistoryIsGivenBackWhenTheStoreCloses() throws Exception {
        Path file = home.resolve("db/epoxy.mv.db");
        fillWithOutputs(new SessionId("first"), 48);
        long filled = Files.size(file);
        assertThat(filled).as("file holding 48 MiB of output").isGreaterThan(48L << 20);
        store.deleteSession(new SessionId("first"));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(countRows("deleted_sessions")).isZero());

        stores.close();

        assertThat(Files.size(file)).isLessThan(8L << 20);
        reopenStore();
        assertThat(countRows("statements")).isZero();
    }

    @Test
    void spaceOfAPurgedHistoryIsReusedWhileTheStoreStaysOpen() throws Exception {
        // H2 reuses freed file space once it is older than RETENTION_TIME (45 s by default); a short one
        // keeps this test quick. The second history must fit mostly into the space the first one left.
        stores.close();
        String url = "jdbc:h2:file:" + home.resolve("reuse/epoxy") + ";RETENTION_TIME=100";
        stores = JdbcStores.open(new StoreSettings(url, Optional.empty(), Optional.empty()));
        store = stores.sessions();
        Path file = home.resolve("reuse/epoxy.mv.db");
        fillWithOutputs(new SessionId("first"), 24);
        long filled = Files.size(file);
        assertThat(filled).as("file holding 24 MiB of output").isGreaterThan(24L << 20);
        store.deleteSession(new SessionId("first"));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(countRows(url, "deleted_sessions")).isZero());

        fillWithOutputs(new SessionId("second"), 24);

        assertThat(Files.size(file) - filled).as("growth of the file for a second, equal history").isLessThan(filled / 2);
    }

    private void fillWithOutputs(SessionId id, int count) {
        store.createSession(SessionFixtures.provisioning(id.value(), at(ofSeconds(1))));
        String output = "o".repeat(1 << 20);
        for (int i = 0; i < count; i++) {
            Statement statement = store.createStatement(id, "print(o)", at(ofSeconds(2)));
            store.updateStatement(statement.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(statement.id(), output)), at(ofSeconds(3))));
        }
    }

    @Test
    void writesWhileAHistoryIsPurgedAllSurvive() throws Exception {
        SessionId large = new SessionId("purged-while-writing");
        store.createSession(SessionFixtures.provisioning(large.value(), at(ofSeconds(1))));
        String output = "p".repeat(1 << 20);
        for (int i = 0; i < 32; i++) {
            Statement statement = store.createStatement(large, "print(p)", at(ofSeconds(2)));
            store.updateStatement(statement.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(statement.id(), output)), at(ofSeconds(3))));
        }
        SessionId busy = new SessionId("busy");
        store.createSession(SessionFixtures.provisioning(busy.value(), at(ofSeconds(1))));

        store.deleteSession(large);
        // Another session keeps writing outputs while the purge runs.
        List<Statement> written = new ArrayList<>();
        int round = 0;
        while (countRows("deleted_sessions") > 0) {
            Statement statement = store.createStatement(busy, "print(" + round + ")", at(ofSeconds(4)));
            Statement completed = statement.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(statement.id(), "out " + round + "q".repeat(64 * 1024))), at(ofSeconds(5)));
            store.updateStatement(completed);
            written.add(completed);
            round++;
            assertThat(round).as("rounds before the history was purged").isLessThan(5_000);
        }

        assertThat(allStatements(store, busy)).containsExactlyElementsOf(written);
        stores.close();
        try (Stores reopenedStores = openStores()) {
            SessionStore reopened = reopenedStores.sessions();
            assertThat(allStatements(reopened, busy)).containsExactlyElementsOf(written);
            assertThat(reopened.findSession(large)).isEmpty();
        }
        reopenStore();
    }

    @Override
    protected long countRows(String table) {
        return countRows(settings().jdbcUrl(), table);
    }

    private static long countRows(String jdbcUrl, String table) {
        try (Connection connection = DriverManager.getConnection(JdbcStores.effectiveUrl(jdbcUrl));
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
        return JdbcStores.open(settings());
    }

    @Test
    void dataSurvivesClosingAndReopeningTheStore() {
        Session session = fullSession("restart", at(ofSeconds(1))).ready(at(ofSeconds(2)));
        store.createSession(session);
        Statement first = store.createStatement(session.id(), "x = 41", at(ofSeconds(3)));
        Statement completed = first.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(1, "")), at(ofSeconds(4)));
        store.updateStatement(completed);
        stores.close();

        try (Stores reopenedStores = openStores()) {
            SessionStore reopened = reopenedStores.sessions();
            assertThat(reopened.listSessions()).containsExactly(session);
            assertThat(allStatements(reopened, session.id())).containsExactly(completed);
            // The statement counter is persistent too.
            assertThat(reopened.createStatement(session.id(), "x + 1", at(ofSeconds(5))).id()).isEqualTo(2);
        }
    }

    @Test
    void committedDataSurvivesAKilledServer() throws Exception {
        stores.close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2CrashingWriter.class.getName(), settings().jdbcUrl())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("writer.log").toFile())
                .start();
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).as("writer finished").isTrue();
        assertThat(writer.exitValue()).as("writer exit code; log: %s", Files.readString(home.resolve("writer.log"))).isZero();

        reopenStore();
        SessionId id = new SessionId("crashed");
        assertThat(store.findSession(id)).isPresent();
        assertThat(allStatements(store, id)).extracting(Statement::code).containsExactly("statement 0", "statement 1", "statement 2");
    }

    @Test
    void serverFindsTheFactoryThroughServiceLoader() {
        assertThat(ServiceLoader.load(StoresFactory.class))
                .extracting(factory -> factory.getClass().getName())
                .containsExactly(JdbcStoresFactory.class.getName());
    }

    @Test
    void databaseFileIsCreatedUnderTheGivenPath() {
        assertThat(home.resolve("db/epoxy.mv.db")).exists();
    }

    private StoreSettings settings() {
        return new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty());
    }
}
