package dev.epoxy.testing;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.driver.DriverHandle;
import dev.epoxy.core.driver.DriverLauncher;
import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the driver process in unit tests of the session service's state machine: it records
 * what the service asks of each driver, and the test plays the driver's part through {@link #listener}.
 * End-to-end tests use the real launcher.
 */
public final class TestingDriverLauncher implements DriverLauncher {
    private final Map<SessionId, TestingDriver> drivers = new ConcurrentHashMap<>();
    private volatile DriverListener listener;

    @Override
    public DriverHandle launch(Session session, DriverListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
        TestingDriver driver = new TestingDriver();
        drivers.put(session.id(), driver);
        return driver;
    }

    /** The service's listener, through which a test reports driver events. */
    public DriverListener listener() {
        return requireNonNull(listener, "no driver was launched");
    }

    public TestingDriver driver(SessionId id) {
        return requireNonNull(drivers.get(id), () -> "no driver launched for " + id);
    }

    /** What one driver was asked to do, in order. */
    public static final class TestingDriver implements DriverHandle {
        private final List<String> commands = new ArrayList<>();

        @Override
        public synchronized void runStatement(int statementId, String code) {
            commands.add("run " + statementId);
        }

        @Override
        public synchronized void cancelStatement(int statementId) {
            commands.add("cancel " + statementId);
        }

        @Override
        public synchronized void stop() {
            commands.add("stop");
        }

        @Override
        public Optional<String> dashboardUrl() {
            return Optional.of("http://127.0.0.1:4040");
        }

        public synchronized List<String> commands() {
            return List.copyOf(commands);
        }
    }
}
