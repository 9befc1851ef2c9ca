package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.driver.DriverHandle;
import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.StatementDisplay;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.driver.protocol.DriverMessage;
import dev.epoxy.driver.protocol.ProcessExit;
import dev.epoxy.driver.protocol.ServerMessage;
import dev.epoxy.server.launch.ProcessSupervisor;
import dev.epoxy.server.launch.SupervisedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's end of one driver process: forwards commands over the link (queued while the driver
 * is not connected), turns driver messages into {@link DriverListener} events, and watches the
 * process so that a driver that dies is reported at once. Exactly one of {@code driverStopped} and
 * {@code driverFailed} is reported.
 *
 * <p>The driver leads its own process group ({@link SparkSubmitCommand}); when it has exited, for
 * whatever reason, every process left in that group (what its statements started) is killed, and
 * when it has to be killed itself, its descendants are killed with it.
 */
public final class SparkDriverHandle implements DriverHandle, LinkEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SparkDriverHandle.class);
    private static final Duration FORCE_KILL_AFTER_DESTROY = Duration.ofSeconds(5);

    private final SessionId sessionId;
    private final DriverListener listener;
    private final Duration stopGracePeriod;
    private final Path driverLog;
    private final Runnable onFinished;
    private final ProcessSupervisor supervisor;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final Deque<ServerMessage> queued = new ArrayDeque<>();
    private DriverConnection connection;
    private SupervisedProcess process;
    private volatile String dashboardUrl;
    private volatile String failureReason;
    private volatile boolean stopRequested;

    SparkDriverHandle(SessionId sessionId, DriverListener listener, Duration stopGracePeriod, Path driverLog, ProcessSupervisor supervisor, Runnable onFinished) {
        this.sessionId = requireNonNull(sessionId, "sessionId is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.stopGracePeriod = requireNonNull(stopGracePeriod, "stopGracePeriod is null");
        this.driverLog = requireNonNull(driverLog, "driverLog is null");
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        this.onFinished = requireNonNull(onFinished, "onFinished is null");
    }

    @Override
    public void runStatement(int statementId, String code) {
        send(new ServerMessage.RunStatement(statementId, code));
    }

    @Override
    public void cancelStatement(int statementId) {
        send(new ServerMessage.CancelStatement(statementId));
    }

    @Override
    public void stop() {
        SupervisedProcess running;
        boolean connected;
        synchronized (this) {
            if (stopRequested) {
                return;
            }
            stopRequested = true;
            running = process;
            connected = connection != null;
        }
        if (running == null) {
            // Never started (or failed to): nothing to wait for.
            if (finished.compareAndSet(false, true)) {
                onFinished.run();
                execute(() -> listener.driverStopped(sessionId));
            }
            exited.complete(null);
            return;
        }
        if (connected) {
            send(new ServerMessage.Shutdown());
            destroyAfter(running, stopGracePeriod);
        }
        else {
            destroyAfter(running, Duration.ZERO);
        }
    }

    @Override
    public Optional<String> dashboardUrl() {
        return Optional.ofNullable(dashboardUrl);
    }

    /** The driver process id, once launched. */
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** Whether the session asked its driver to stop, before or after it started. */
    synchronized boolean isStopRequested() {
        return stopRequested;
    }

    /** Whether the driver's link is up. */
    public synchronized boolean isConnected() {
        return connection != null;
    }

    /** Where the driver's stdout and stderr go. */
    public Path driverLog() {
        return driverLog;
    }

    /**
     * Completes once the driver process has exited (or never started) and what was left of its
     * process group has been killed.
     */
    public CompletableFuture<Void> exited() {
        return exited;
    }

    void started(SupervisedProcess started) {
        boolean stopEarly;
        synchronized (this) {
            process = started;
            stopEarly = stopRequested;
        }
        LOG.info("Driver of session {} started (pid {}, log {})", sessionId, started.pid(), driverLog);
        // On the supervisor's thread, after the rest of the driver's process group was killed: the listener writes to the store.
        started.exit().thenAccept(this::processExited);
        if (stopEarly) {
            destroyAfter(started, Duration.ZERO);
        }
    }

    /** The driver could not even be launched. Reported asynchronously, as the port requires. */
    void failedToStart(String reason) {
        if (finished.compareAndSet(false, true)) {
            onFinished.run();
            LOG.info("Driver of session {} could not start: {}", sessionId, reason);
            exited.complete(null);
            execute(() -> {
                if (stopRequested) {
                    listener.driverStopped(sessionId);
                }
                else {
                    listener.driverFailed(sessionId, reason);
                }
            });
        }
    }

    @Override
    public void connected(DriverConnection newConnection, DriverMessage.Hello hello) {
        DriverConnection previous;
        synchronized (this) {
            previous = connection;
            connection = newConnection;
            while (!queued.isEmpty()) {
                if (!newConnection.send(queued.peekFirst())) {
                    break;
                }
                queued.pollFirst();
            }
        }
        if (previous != null && previous != newConnection) {
            previous.close();
        }
        LOG.info("Driver of session {} connected from {} (pid {})", sessionId, newConnection.remoteAddress(), hello.pid());
    }

    @Override
    public void received(DriverConnection from, DriverMessage message) {
        if (message instanceof DriverMessage.Ready ready) {
            dashboardUrl = ready.sparkUiUrl();
            listener.driverReady(sessionId);
        }
        else if (message instanceof DriverMessage.StatementStarted started) {
            listener.statementStarted(sessionId, started.statementId(), Instant.ofEpochMilli(started.startedOnEpochMillis()));
        }
        else if (message instanceof DriverMessage.StatementProgress progress) {
            listener.statementProgress(sessionId, progress.statementId(), progress.progress());
        }
        else if (message instanceof DriverMessage.StatementFinished statement) {
            listener.statementCompleted(sessionId, statement.statementId(), StatementState.valueOf(statement.state()),
                    Optional.ofNullable(statement.output()).map(SparkDriverHandle::toOutput), Instant.ofEpochMilli(statement.completedOnEpochMillis()));
        }
        else if (message instanceof DriverMessage.Failed failed) {
            // The session's ErrorMessage is where a user looks first; it says where the details are.
            failureReason = failed.reason() + " (driver log: " + driverLog + ")";
            reportFailure(failureReason);
            SupervisedProcess running;
            synchronized (this) {
                running = process;
            }
            // The driver exits by itself after Failed; make sure it does.
            if (running != null) {
                destroyAfter(running, stopGracePeriod);
            }
        }
        else {
            LOG.warn("Unexpected {} from the driver of session {}", message.getClass().getSimpleName(), sessionId);
        }
    }

    @Override
    public synchronized void disconnected(DriverConnection lost) {
        if (connection == lost) {
            connection = null;
            LOG.info("Driver link of session {} is down; waiting for the driver to reconnect", sessionId);
        }
    }

    private void send(ServerMessage message) {
        synchronized (this) {
            if (connection != null && queued.isEmpty() && connection.send(message)) {
                return;
            }
            queued.addLast(message);
        }
    }

    private void processExited(int exitCode) {
        LOG.info("Driver of session {} {}", sessionId, ProcessExit.describe(exitCode));
        exited.complete(null);
        synchronized (this) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
        if (stopRequested) {
            if (finished.compareAndSet(false, true)) {
                onFinished.run();
                listener.driverStopped(sessionId);
            }
            return;
        }
        String reason = failureReason != null
                ? failureReason
                : "The session driver " + ProcessExit.describe(exitCode) + "; see its log " + driverLog;
        reportFailure(reason);
    }

    private void reportFailure(String reason) {
        if (finished.compareAndSet(false, true)) {
            onFinished.run();
            if (stopRequested) {
                listener.driverStopped(sessionId);
            }
            else {
                listener.driverFailed(sessionId, reason);
            }
        }
    }

    /** SIGTERM after {@code delay} (the driver's shutdown hook then ends its group), and SIGKILL for its group if that is not enough. */
    private void destroyAfter(SupervisedProcess running, Duration delay) {
        running.stopAfter(delay, FORCE_KILL_AFTER_DESTROY);
    }

    private void execute(Runnable task) {
        supervisor.execute(task);
    }

    private static StatementOutput toOutput(DriverMessage.Output output) {
        Optional<String> text = Optional.ofNullable(output.textPlain());
        if (output.status().equals(OutputStatus.OK.wireValue())) {
            StatementOutput ok = new StatementOutput(OutputStatus.OK, output.executionCount(), Optional.of(text.orElse("")), Optional.empty(), Optional.empty(), List.of());
            if (output.display() != null && output.display().mimeType() != null && output.display().data() != null) {
                return ok.withDisplay(new StatementDisplay(output.display().mimeType(), output.display().data()));
            }
            return ok;
        }
        return new StatementOutput(
                OutputStatus.ERROR,
                output.executionCount(),
                text.filter(value -> !value.isEmpty()),
                Optional.ofNullable(output.errorName()),
                Optional.ofNullable(output.errorValue()),
                output.traceback() == null ? List.of() : output.traceback());
    }
}
