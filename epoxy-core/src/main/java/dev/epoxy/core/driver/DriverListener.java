package dev.epoxy.core.driver;

import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.time.Instant;
import java.util.Optional;

/** Events a driver reports about its session. Called from link threads; implementations are thread-safe. */
public interface DriverListener {
    /** The driver has a SparkContext and an interpreter, and accepts statements. */
    void driverReady(SessionId sessionId);

    void statementStarted(SessionId sessionId, int statementId, Instant startedOn);

    void statementProgress(SessionId sessionId, int statementId, double progress);

    /**
     * The statement finished: AVAILABLE (with an ok or error output), CANCELLED, or ERROR when the
     * interpreter could not run it.
     */
    void statementCompleted(SessionId sessionId, int statementId, StatementState state, Optional<StatementOutput> output, Instant completedOn);

    /** The driver exited after {@link DriverHandle#stop()}. */
    void driverStopped(SessionId sessionId);

    /**
     * The driver could not start or died: {@code reason} says what happened (exit code, signal,
     * startup failure, interpreter death) in words a user can act on.
     */
    void driverFailed(SessionId sessionId, String reason);
}
