package dev.epoxy.core.session;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.core.ErrorCode.ILLEGAL_SESSION_STATE;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.LIMIT_EXCEEDED;
import static dev.epoxy.core.ErrorCode.SESSION_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.STATEMENT_NOT_FOUND;
import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.driver.DriverHandle;
import dev.epoxy.core.driver.DriverLauncher;
import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.statement.PageLimit;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementPage;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.core.tag.TagStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue's session and statement operations over a {@link SessionStore} and a {@link DriverLauncher}.
 *
 * <p>The store is the source of truth; this class keeps only the live driver handles. Every change
 * to one session happens under that session's lock, so driver events and API calls never interleave
 * within a session. Statements queue here, not in the driver: the next WAITING statement is sent when
 * the previous one completes.
 */
public final class SessionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    /**
     * A ListStatements page holds code and output of at most 4 MiB as JSON (but always one
     * statement, and a statement's output is at most epoxy.session.max-output-bytes), so a response
     * is a few MiB however long the history is.
     */
    public static final PageLimit STATEMENT_PAGE_LIMIT = new PageLimit(1000, 4L << 20);

    private final SessionStore store;
    private final TagStore tags;
    private final GlueArns arns;
    private final DriverLauncher launcher;
    private final Clock clock;
    private final SessionConfig config;
    private final Map<SessionId, LiveSession> liveSessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final StatementWaits statementWaits;
    private volatile boolean closing;

    /**
     * @param store the sessions and their statements
     * @param tags the sessions' tags, under {@code arns.arnOf(SESSION, id)}
     * @param arns the server's ARNs
     */
    public SessionService(SessionStore store, TagStore tags, GlueArns arns, DriverLauncher launcher, Clock clock, SessionConfig config) {
        this.store = requireNonNull(store, "store is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = requireNonNull(config, "config is null");
        this.statementWaits = new StatementWaits(this::loadStatement,
                (sessionId, statementId) -> store.findStatement(sessionId, statementId).map(statement -> statement.state().isTerminal()).orElse(true),
                config.statementWait().maxHeld());
        failOrphanedSessions();
        this.reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-reaper");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMillis = config.reaperInterval().toMillis();
        reaper.scheduleWithFixedDelay(this::reapSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates a session in PROVISIONING and starts its driver.
     *
     * @throws EpoxyException {@code ALREADY_EXISTS} if the id is taken (saying why, when by a FAILED
     *     session), {@code LIMIT_EXCEEDED} if
     *     {@link SessionConfig#maxActiveSessions()} sessions are active, {@code INVALID_INPUT} for more
     *     than {@link TagStore#MAX_TAGS} tags, an unknown {@code --session-language} or what
     *     {@link DriverLauncher#checkLaunchable} refuses
     */
    public Session createSession(SessionId id, SessionSpec spec, Map<String, String> sessionTags) {
        // Rejected here, where the client reads the message, not by a driver that fails later.
        spec.language();
        if (liveSessions.size() >= config.maxActiveSessions()) {
            throw new EpoxyException(LIMIT_EXCEEDED, "Cannot create session %s: %s sessions are active (epoxy.session.max-active-sessions)", id, liveSessions.size());
        }
        checkInput(sessionTags.size() <= TagStore.MAX_TAGS, "Cannot tag session %s: a resource can have at most %s tags, and this would make %s",
                id, TagStore.MAX_TAGS, sessionTags.size());
        store.findSession(id).filter(existing -> existing.status() == SessionStatus.FAILED).ifPresent(failed -> {
            // The Glue kernel sends the id of its FAILED session again on the next cell and prints this
            // message: the first place its user can read why the session failed, and what to do.
            throw new EpoxyException(ALREADY_EXISTS, "Session already exists: %s (it FAILED: %s). Stop or delete it to use its id again; in the Glue kernel, run %%stop_session",
                    id, failed.errorMessage().orElse("no reason recorded"));
        });
        launcher.checkLaunchable(id, spec);
        Session session = Session.provisioning(id, spec, now());
        store.createSession(session);
        // Replaced, not added to: tags a deleted session of the same id left behind (a crash between
        // its two deletes) must not come back with the new one.
        tags.replaceTags(arnOf(id), sessionTags);
        LiveSession live = new LiveSession(id);
        synchronized (live) {
            liveSessions.put(id, live);
            LOG.info("Session {} created ({} x {}, Glue {})", id, spec.capacity().numberOfWorkers(), spec.capacity().workerType().wireName(), spec.glueVersion());
            try {
                live.driver = launcher.launch(session, new DriverEvents(live));
            }
            catch (RuntimeException e) {
                LOG.error("Cannot launch driver for session {}", id, e);
                failSession(live, "Cannot launch the session driver: " + e.getMessage());
            }
        }
        return loadSession(id);
    }

    /** @throws EpoxyException {@code SESSION_NOT_FOUND} */
    public Session loadSession(SessionId id) {
        return store.findSession(id).orElseThrow(() -> sessionNotFound(id));
    }

    /** The session with its derived figures. @throws EpoxyException {@code SESSION_NOT_FOUND} */
    public SessionInfo describeSession(SessionId id) {
        return describe(loadSession(id));
    }

    /** Sessions carrying all of {@code tags} (all sessions when empty), oldest first. */
    public List<SessionInfo> listSessions(Map<String, String> tags) {
        return store.listSessions().stream()
                .filter(session -> tags.isEmpty() || this.tags.getTags(arnOf(session.id())).entrySet().containsAll(tags.entrySet()))
                .map(this::describe)
                .toList();
    }

    /**
     * Stops the session's driver: PROVISIONING or READY → STOPPING → STOPPED. Stopping a STOPPING
     * session does nothing, and so does stopping a FAILED one, which stays FAILED: its driver is gone
     * already, and the Glue kernel's {@code %stop_session}, the kernel's own advice after a FAILED
     * session, lets the next cell create a new session only when StopSession succeeds.
     *
     * @throws EpoxyException {@code SESSION_NOT_FOUND}, or {@code ILLEGAL_SESSION_STATE} when it has
     *     already STOPPED or reached TIMEOUT
     */
    public void stopSession(SessionId id) {
        Session session = loadSession(id);
        if (session.status() == SessionStatus.FAILED) {
            return;
        }
        LiveSession live = liveSessions.get(id);
        if (session.status().isTerminal() || live == null) {
            throw new EpoxyException(ILLEGAL_SESSION_STATE, "Cannot stop session %s: it is %s", id, session.status());
        }
        synchronized (live) {
            session = loadSession(id);
            if (session.status() == SessionStatus.STOPPING) {
                return;
            }
            store.updateSession(session.withStatus(SessionStatus.STOPPING));
            cancelPendingStatements(live);
            LOG.info("Session {} stopping", id);
            live.stopRequested = true;
            live.driver.stop();
        }
    }

    /**
     * Deletes the session and its history, stopping its driver first if it still runs. The id can be
     * used again at once.
     *
     * @throws EpoxyException {@code SESSION_NOT_FOUND}
     */
    public void deleteSession(SessionId id) {
        loadSession(id);
        LiveSession live = liveSessions.remove(id);
        if (live != null) {
            synchronized (live) {
                live.deleted = true;
                live.stopRequested = true;
                if (live.driver != null) {
                    live.driver.stop();
                }
            }
        }
        store.deleteSession(id);
        statementWaits.sessionDeleted(id);
        tags.deleteTags(arnOf(id));
        launcher.sessionDeleted(id);
        LOG.info("Session {} deleted", id);
    }

    /**
     * Queues a statement; it runs as soon as the statements before it have finished.
     *
     * @return the statement's id
     * @throws EpoxyException {@code SESSION_NOT_FOUND}; {@code INVALID_INPUT} when the session is not
     *     READY (AWS's observed answer); {@code LIMIT_EXCEEDED} when too many statements wait
     */
    public int runStatement(SessionId id, String code) {
        LiveSession live = liveSessions.get(id);
        Session session = loadSession(id);
        if (!session.status().acceptsStatements() || live == null) {
            throw new EpoxyException(INVALID_INPUT, "Session is not ready, session_id=%s, status=%s", id, session.status());
        }
        synchronized (live) {
            session = loadSession(id);
            if (!session.status().acceptsStatements()) {
                throw new EpoxyException(INVALID_INPUT, "Session is not ready, session_id=%s, status=%s", id, session.status());
            }
            if (live.waitingStatementIds.size() >= config.maxWaitingStatements()) {
                throw new EpoxyException(LIMIT_EXCEEDED, "Cannot run statement: %s statements are already waiting in session %s", live.waitingStatementIds.size(), id);
            }
            Statement statement = store.createStatement(id, code, now());
            live.waitingStatementIds.addLast(statement.id());
            LOG.debug("Statement {} queued in session {}", statement.id(), id);
            dispatchNext(live);
            return statement.id();
        }
    }

    /** @throws EpoxyException {@code SESSION_NOT_FOUND} or {@code STATEMENT_NOT_FOUND} */
    public Statement loadStatement(SessionId sessionId, int statementId) {
        loadSession(sessionId);
        return store.findStatement(sessionId, statementId).orElseThrow(() -> statementNotFound(sessionId, statementId));
    }

    /**
     * The statement once it has finished, for GetStatement: a WAITING, RUNNING or CANCELLING statement
     * of a session whose RequestOrigin {@link StatementWaitConfig#holds} is answered the moment it
     * finishes, or as it is after {@link StatementWaitConfig#maxWait()}; every other statement, and
     * every statement when {@link StatementWaitConfig#maxHeld()} answers are already held, at once.
     * The answer means what {@link #loadStatement} means: the statement as it is when answered.
     *
     * @throws EpoxyException {@code SESSION_NOT_FOUND} or {@code STATEMENT_NOT_FOUND}, at once or (for
     *     a session deleted while the answer is held) through the future
     */
    public CompletableFuture<Statement> awaitStatement(SessionId sessionId, int statementId) {
        Session session = loadSession(sessionId);
        Statement statement = store.findStatement(sessionId, statementId).orElseThrow(() -> statementNotFound(sessionId, statementId));
        StatementWaitConfig wait = config.statementWait();
        if (statement.state().isTerminal() || !wait.holds(session.spec().requestOrigin())) {
            return CompletableFuture.completedFuture(statement);
        }
        return statementWaits.await(statement, wait.maxWait());
    }

    /** GetStatement answers held now (for tests). */
    public int heldStatementAnswers() {
        return statementWaits.held();
    }

    /**
     * One page of the session's statements in id order, from the first whose id is at least
     * {@code fromStatementId}, within {@link #STATEMENT_PAGE_LIMIT}.
     *
     * @throws EpoxyException {@code SESSION_NOT_FOUND}
     */
    public StatementPage listStatements(SessionId sessionId, int fromStatementId) {
        loadSession(sessionId);
        return store.listStatements(sessionId, fromStatementId, STATEMENT_PAGE_LIMIT);
    }

    /**
     * Cancels a statement: WAITING → CANCELLED at once; RUNNING → CANCELLING, and CANCELLED once the
     * driver has stopped it. Cancelling a finished statement does nothing.
     *
     * @throws EpoxyException {@code SESSION_NOT_FOUND} or {@code STATEMENT_NOT_FOUND}
     */
    public void cancelStatement(SessionId sessionId, int statementId) {
        loadStatement(sessionId, statementId);
        LiveSession live = liveSessions.get(sessionId);
        if (live == null) {
            return;
        }
        synchronized (live) {
            Statement statement = loadStatement(sessionId, statementId);
            switch (statement.state()) {
                case WAITING -> {
                    live.waitingStatementIds.remove(statementId);
                    saveStatement(statement.completed(StatementState.CANCELLED, Optional.empty(), now()));
                }
                case RUNNING -> {
                    saveStatement(statement.withState(StatementState.CANCELLING));
                    live.driver.cancelStatement(statementId);
                }
                case CANCELLING, AVAILABLE, CANCELLED, ERROR -> {}
            }
        }
    }

    /**
     * The URL of the session's Spark UI.
     *
     * @throws EpoxyException {@code SESSION_NOT_FOUND}, or {@code ILLEGAL_SESSION_STATE} when the
     *     session has no running driver with a UI
     */
    public String dashboardUrl(SessionId id) {
        Session session = loadSession(id);
        LiveSession live = liveSessions.get(id);
        return Optional.ofNullable(live)
                .flatMap(value -> Optional.ofNullable(value.driver))
                .flatMap(DriverHandle::dashboardUrl)
                .orElseThrow(() -> new EpoxyException(ILLEGAL_SESSION_STATE, "Session %s has no Spark UI: it is %s", id, session.status()));
    }

    /** The session's ARN, under which its tags are kept. */
    public GlueArn arnOf(SessionId id) {
        return arns.arnOf(GlueResourceType.SESSION, id.value());
    }

    /**
     * Stops the reaper and every driver. Sessions keep their recorded status: the user did not stop
     * them, so the next server marks them FAILED as drivers lost in a restart.
     */
    @Override
    public void close() {
        closing = true;
        reaper.shutdownNow();
        statementWaits.close();
        for (LiveSession live : liveSessions.values()) {
            synchronized (live) {
                live.stopRequested = true;
                if (live.driver != null) {
                    live.driver.stop();
                }
            }
        }
    }

    /** Runs one reaper pass now; the reaper thread calls this every {@link SessionConfig#reaperInterval()}. */
    public void reap() {
        Instant now = now();
        for (LiveSession live : liveSessions.values()) {
            synchronized (live) {
                Optional<Session> found = store.findSession(live.id);
                if (found.isEmpty() || live.deleted) {
                    continue;
                }
                Session session = found.get();
                SessionSpec spec = session.spec();
                if (session.status() == SessionStatus.PROVISIONING && elapsed(session.createdOn(), now).compareTo(config.startupTimeout()) >= 0) {
                    failSession(live, "The session driver did not become ready within " + config.startupTimeout().toSeconds() + " seconds");
                    live.driver.stop();
                }
                else if (!session.status().isTerminal() && elapsed(session.createdOn(), now).compareTo(Duration.ofMinutes(spec.timeoutMinutes())) >= 0) {
                    timeOut(live, session, "Session reached its timeout of " + spec.timeoutMinutes() + " minutes");
                }
                else if (session.status() == SessionStatus.READY && live.runningStatementId.isEmpty() && live.waitingStatementIds.isEmpty()
                        && elapsed(session.lastActivityOn(), now).compareTo(Duration.ofMinutes(spec.idleTimeoutMinutes())) >= 0) {
                    timeOut(live, session, "Session was idle for its idle timeout of " + spec.idleTimeoutMinutes() + " minutes");
                }
            }
        }
    }

    private void reapSafely() {
        try {
            reap();
        }
        catch (RuntimeException e) {
            LOG.error("Session reaper pass failed", e);
        }
    }

    private void timeOut(LiveSession live, Session session, String reason) {
        LOG.info("Session {} timed out: {}", live.id, reason);
        cancelPendingStatements(live);
        store.updateSession(session.completed(SessionStatus.TIMEOUT, Optional.of(reason), now()));
        live.stopRequested = true;
        live.driver.stop();
    }

    /** Marks sessions left active by a previous server process as FAILED; their drivers are gone. */
    private void failOrphanedSessions() {
        for (Session session : store.listSessions()) {
            if (!session.status().isTerminal()) {
                String reason = "The session driver was lost: the Epoxy server restarted while the session was " + session.status();
                markStatementsAfterDriverLoss(session.id(), reason);
                store.updateSession(session.completed(SessionStatus.FAILED, Optional.of(reason), now()));
                LOG.info("Session {} marked FAILED after server restart", session.id());
            }
        }
    }

    private void dispatchNext(LiveSession live) {
        while (live.runningStatementId.isEmpty() && !live.waitingStatementIds.isEmpty()) {
            int next = live.waitingStatementIds.pollFirst();
            store.findStatement(live.id, next)
                    .filter(statement -> statement.state() == StatementState.WAITING)
                    .ifPresent(statement -> {
                        saveStatement(statement.running(now()));
                        live.runningStatementId = Optional.of(statement.id());
                        live.driver.runStatement(statement.id(), statement.code());
                    });
        }
    }

    /** Stopping or timing out: queued statements will never run, and the running one is abandoned. */
    private void cancelPendingStatements(LiveSession live) {
        List<Integer> pending = new ArrayList<>(live.waitingStatementIds);
        live.runningStatementId.ifPresent(pending::add);
        live.waitingStatementIds.clear();
        live.runningStatementId = Optional.empty();
        for (int statementId : pending) {
            store.findStatement(live.id, statementId)
                    .filter(statement -> !statement.state().isTerminal())
                    .ifPresent(statement -> saveStatement(statement.completed(StatementState.CANCELLED, Optional.empty(), now())));
        }
    }

    private void markStatementsAfterDriverLoss(SessionId id, String reason) {
        // Only unfinished statements change, so the history with its outputs is never read here.
        for (Statement statement : store.listUnfinishedStatements(id)) {
            switch (statement.state()) {
                case WAITING, CANCELLING -> saveStatement(statement.completed(StatementState.CANCELLED, Optional.empty(), now()));
                case RUNNING -> saveStatement(statement.completed(
                        StatementState.ERROR,
                        Optional.of(StatementOutput.error(statement.id(), "SessionFailed", reason, List.of())),
                        now()));
                case AVAILABLE, CANCELLED, ERROR -> {}
            }
        }
    }

    private void failSession(LiveSession live, String reason) {
        store.findSession(live.id).filter(session -> !session.status().isTerminal()).ifPresent(session -> {
            LOG.info("Session {} failed: {}", live.id, reason);
            markStatementsAfterDriverLoss(live.id, reason);
            store.updateSession(session.completed(SessionStatus.FAILED, Optional.of(reason), now()));
        });
        live.runningStatementId = Optional.empty();
        live.waitingStatementIds.clear();
        liveSessions.remove(live.id, live);
    }

    private SessionInfo describe(Session session) {
        Instant now = now();
        double progress = 0;
        LiveSession live = liveSessions.get(session.id());
        if (live != null) {
            Optional<Integer> running = live.runningStatementId;
            if (running.isPresent()) {
                progress = store.findStatement(session.id(), running.get()).map(Statement::progress).orElse(0.0);
            }
        }
        return new SessionInfo(session, progress, session.executionSeconds(now), session.dpuSeconds(now));
    }

    /** Stores a statement; answers held for it are released once it has finished. */
    private void saveStatement(Statement statement) {
        store.updateStatement(statement);
        if (statement.state().isTerminal()) {
            statementWaits.statementFinished(statement.sessionId(), statement.id());
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private static Duration elapsed(Instant from, Instant to) {
        return Duration.between(from, to);
    }

    private static EpoxyException sessionNotFound(SessionId id) {
        return new EpoxyException(SESSION_NOT_FOUND, "Session not found: %s", id);
    }

    private static EpoxyException statementNotFound(SessionId sessionId, int statementId) {
        return new EpoxyException(STATEMENT_NOT_FOUND, "Statement %s not found in session %s", statementId, sessionId);
    }

    /** What the service knows about a session whose driver is (or may still be) running. */
    private static final class LiveSession {
        private final SessionId id;
        private DriverHandle driver;
        private Optional<Integer> runningStatementId = Optional.empty();
        /** WAITING statements in the order they run; the store has them too, this saves reading them all. */
        private final Deque<Integer> waitingStatementIds = new ArrayDeque<>();
        private boolean stopRequested;
        private boolean deleted;

        private LiveSession(SessionId id) {
            this.id = id;
        }
    }

    /**
     * Events of one driver, applied under its session's lock. Bound to one {@link LiveSession}, not
     * to a session id: after DeleteSession the id can be reused at once, and the old driver's late
     * events (its exit, say) must not touch the new session. Events of a deleted or replaced
     * session, and events that arrive while the server closes, are dropped.
     */
    private final class DriverEvents implements DriverListener {
        private final LiveSession live;

        private DriverEvents(LiveSession live) {
            this.live = live;
        }

        @Override
        public void driverReady(SessionId sessionId) {
            whileCurrent(() -> store.findSession(live.id)
                    .filter(session -> session.status() == SessionStatus.PROVISIONING)
                    .ifPresent(session -> {
                        store.updateSession(session.ready(now()));
                        LOG.info("Session {} ready", live.id);
                    }));
        }

        @Override
        public void statementStarted(SessionId sessionId, int statementId, Instant startedOn) {
            // The statement became RUNNING when it was dispatched; the driver's clock is not ours.
        }

        @Override
        public void statementProgress(SessionId sessionId, int statementId, double progress) {
            whileCurrent(() -> store.findStatement(live.id, statementId)
                    .filter(statement -> !statement.state().isTerminal())
                    .ifPresent(statement -> saveStatement(statement.withProgress(progress))));
        }

        @Override
        public void statementCompleted(SessionId sessionId, int statementId, StatementState state, Optional<StatementOutput> output, Instant completedOn) {
            whileCurrent(() -> {
                store.findStatement(live.id, statementId)
                        .filter(statement -> !statement.state().isTerminal())
                        .ifPresent(statement -> saveStatement(statement.completed(state, withVersionNotice(statementId, output), now())));
                if (live.runningStatementId.equals(Optional.of(statementId))) {
                    live.runningStatementId = Optional.empty();
                }
                store.findSession(live.id)
                        .filter(session -> session.status() == SessionStatus.READY)
                        .ifPresent(session -> {
                            store.updateSession(session.withLastActivityOn(now()));
                            dispatchNext(live);
                        });
            });
        }

        /** The session's first output starts with a line saying so when AWS would run its Glue version on another Spark. */
        private Optional<StatementOutput> withVersionNotice(int statementId, Optional<StatementOutput> output) {
            if (statementId != 1 || output.isEmpty()) {
                return output;
            }
            Optional<String> notice = store.findSession(live.id).flatMap(session -> GlueSessionVersions.notice(session.spec().glueVersion()));
            return notice.map(line -> output.get().withTextPlain(line + "\n" + output.get().textPlain().orElse(""))).or(() -> output);
        }

        @Override
        public void driverStopped(SessionId sessionId) {
            whileCurrent(() -> {
                liveSessions.remove(live.id, live);
                store.findSession(live.id).filter(session -> !session.status().isTerminal()).ifPresent(session -> {
                    if (live.stopRequested) {
                        cancelPendingStatements(live);
                        store.updateSession(session.completed(SessionStatus.STOPPED, Optional.empty(), now()));
                        LOG.info("Session {} stopped", live.id);
                    }
                    else {
                        failSession(live, "The session driver exited unexpectedly");
                    }
                });
            });
        }

        @Override
        public void driverFailed(SessionId sessionId, String reason) {
            whileCurrent(() -> {
                liveSessions.remove(live.id, live);
                if (!live.stopRequested) {
                    failSession(live, reason);
                    return;
                }
                // A driver that dies while stopping has stopped.
                store.findSession(live.id).filter(session -> !session.status().isTerminal()).ifPresent(session -> {
                    cancelPendingStatements(live);
                    store.updateSession(session.completed(SessionStatus.STOPPED, Optional.empty(), now()));
                });
            });
        }

        private void whileCurrent(Runnable action) {
            if (closing) {
                return;
            }
            synchronized (live) {
                if (!live.deleted && liveSessions.get(live.id) == live) {
                    action.run();
                }
            }
        }
    }
}
