package dev.epoxy.driver.it;

import static org.awaitility.Awaitility.await;

import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link DriverListener} that remembers every event, for tests to wait on. */
final class RecordingDriverListener implements DriverListener {
    record Completion(int statementId, StatementState state, Optional<StatementOutput> output) {}

    private volatile boolean ready;
    private volatile boolean stopped;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<Integer, Boolean> started = new ConcurrentHashMap<>();
    private final Map<Integer, List<Double>> progress = new ConcurrentHashMap<>();
    private final Map<Integer, Completion> completions = new ConcurrentHashMap<>();

    @Override
    public void driverReady(SessionId sessionId) {
        ready = true;
    }

    @Override
    public void statementStarted(SessionId sessionId, int statementId, Instant startedOn) {
        started.put(statementId, true);
    }

    @Override
    public void statementProgress(SessionId sessionId, int statementId, double value) {
        progress.computeIfAbsent(statementId, id -> new CopyOnWriteArrayList<>()).add(value);
    }

    @Override
    public void statementCompleted(SessionId sessionId, int statementId, StatementState state, Optional<StatementOutput> output, Instant completedOn) {
        completions.put(statementId, new Completion(statementId, state, output));
    }

    @Override
    public void driverStopped(SessionId sessionId) {
        stopped = true;
    }

    @Override
    public void driverFailed(SessionId sessionId, String reason) {
        failures.add(reason);
    }

    void awaitReady(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> ready || !failures.isEmpty());
        if (!ready) {
            throw new AssertionError("The driver failed instead of becoming ready: " + failures);
        }
    }

    void awaitStarted(int statementId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> started.containsKey(statementId) || !failures.isEmpty());
    }

    Completion awaitCompletion(int statementId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> completions.containsKey(statementId) || !failures.isEmpty());
        Completion completion = completions.get(statementId);
        if (completion == null) {
            throw new AssertionError("The driver failed before statement " + statementId + " completed: " + failures);
        }
        return completion;
    }

    Optional<Completion> completion(int statementId) {
        return Optional.ofNullable(completions.get(statementId));
    }

    String awaitFailure(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> !failures.isEmpty() || stopped);
        if (failures.isEmpty()) {
            throw new AssertionError("The driver stopped instead of failing");
        }
        return failures.get(0);
    }

    void awaitStopped(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> stopped || !failures.isEmpty());
        if (!stopped) {
            throw new AssertionError("The driver failed instead of stopping: " + failures);
        }
    }

    List<Double> progress(int statementId) {
        return progress.getOrDefault(statementId, List.of());
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    boolean isStopped() {
        return stopped;
    }
}
