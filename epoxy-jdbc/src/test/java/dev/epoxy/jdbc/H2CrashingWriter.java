package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.SessionFixtures.at;
import static java.time.Duration.ofSeconds;

import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a child JVM by {@link TestH2SessionStore}: writes a session and statements, then halts the
 * JVM without shutdown hooks, as {@code kill -9} would stop a server.
 */
public final class H2CrashingWriter {
    private H2CrashingWriter() {}

    public static void main(String[] args) {
        SessionStore store = JdbcStores.open(new StoreSettings(args[0], Optional.empty(), Optional.empty())).sessions();
        SessionId id = new SessionId("crashed");
        store.createSession(SessionFixtures.provisioning(id.value(), at(ofSeconds(1))));
        for (int i = 0; i < 3; i++) {
            store.createStatement(id, "statement " + i, at(ofSeconds(2 + i)));
        }
        Runtime.getRuntime().halt(0);
    }
}
