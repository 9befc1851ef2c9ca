package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.SessionFixtures.at;
import static dev.epoxy.jdbc.SessionFixtures.fullSession;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.session.SessionStoreFactory;
import dev.epoxy.core.session.StoreSettings;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestH2SessionStore extends BaseSessionStoreTest {
    @TempDir
    Path home;

    @Override
    protected SessionStore openStore() {
        return new JdbcSessionStoreFactory().open(settings());
    }

    @Test
    void dataSurvivesClosingAndReopeningTheStore() {
        Session session = fullSession("restart", at(ofSeconds(1))).ready(at(ofSeconds(2)));
        store.createSession(session, Map.of("team", "data"));
        Statement first = store.createStatement(session.id(), "x = 41", at(ofSeconds(3)));
        Statement completed = first.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(1, "")), at(ofSeconds(4)));
        store.updateStatement(completed);
        store.close();

        try (SessionStore reopened = openStore()) {
            assertThat(reopened.listSessions()).containsExactly(session);
            assertThat(reopened.getTags(session.id())).isEqualTo(Map.of("team", "data"));
            assertThat(reopened.listStatements(session.id())).containsExactly(completed);
            // The statement counter is persistent too.
            assertThat(reopened.createStatement(session.id(), "x + 1", at(ofSeconds(5))).id()).isEqualTo(2);
        }
    }

    @Test
    void serverFindsTheFactoryThroughServiceLoader() {
        assertThat(ServiceLoader.load(SessionStoreFactory.class))
                .extracting(factory -> factory.getClass().getName())
                .containsExactly(JdbcSessionStoreFactory.class.getName());
    }

    @Test
    void databaseFileIsCreatedUnderTheGivenPath() {
        assertThat(home.resolve("db/epoxy.mv.db")).exists();
    }

    private StoreSettings settings() {
        return new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty());
    }
}
