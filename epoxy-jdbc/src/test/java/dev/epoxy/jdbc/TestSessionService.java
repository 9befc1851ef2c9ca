package dev.epoxy.jdbc;

import static dev.epoxy.core.statement.StatementState.AVAILABLE;
import static dev.epoxy.core.statement.StatementState.CANCELLED;
import static dev.epoxy.core.statement.StatementState.CANCELLING;
import static dev.epoxy.core.statement.StatementState.ERROR;
import static dev.epoxy.core.statement.StatementState.RUNNING;
import static dev.epoxy.core.statement.StatementState.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionConfig;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.session.SessionStatus;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.testing.TestingClock;
import dev.epoxy.testing.TestingDriverLauncher;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session service's state machine over the real JDBC store (embedded H2), with a clock the test
 * moves and a launcher double standing in for driver processes. It lives here because this is the
 * lowest module that has both the service and a real store.
 */
class TestSessionService {
    private static final SessionId ID = new SessionId("s1");

    @TempDir
    Path home;

    private TestingClock clock;
    private TestingDriverLauncher launcher;
    private Stores stores;
    private SessionStore store;
    private SessionService service;

    @BeforeEach
    void setUp() {
        clock = new TestingClock();
        launcher = new TestingDriverLauncher();
        stores = openStores();
        store = stores.sessions();
        service = newService();
    }

    @AfterEach
    void tearDown() {
        service.close();
        stores.close();
    }

    @Test
    void sessionBecomesReadyWhenItsDriverIs() {
        assertThat(service.createSession(ID, spec(30), Map.of()).status()).isEqualTo(SessionStatus.PROVISIONING);
        launcher.listener().driverReady(ID);
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.READY);
        assertThat(service.loadSession(ID).readyOn()).contains(clock.instant());
    }

    @Test
    void sessionTagsLiveUnderTheSessionArnAndGoWithTheSession() {
        GlueArn arn = GlueArns.defaults().arnOf(GlueResourceType.SESSION, ID.value());
        assertThat(service.arnOf(ID)).isEqualTo(arn);
        service.createSession(ID, spec(30), Map.of("team", "data"));
        assertThat(stores.tags().getTags(arn)).isEqualTo(Map.of("team", "data"));
        assertThat(service.listSessions(Map.of("team", "data"))).extracting(info -> info.session().id()).containsExactly(ID);
        assertThat(service.listSessions(Map.of("team", "web"))).isEmpty();

        service.deleteSession(ID);

        assertThat(stores.tags().getTags(arn)).isEmpty();
    }

    @Test
    void newSessionDoesNotInheritTagsADeletedNamesakeLeftBehind() {
        GlueArn arn = GlueArns.defaults().arnOf(GlueResourceType.SESSION, ID.value());
        // As a crash between DeleteSession's two deletes would leave them.
        stores.tags().tagResource(arn, Map.of("stale", "yes"));

        service.createSession(ID, spec(30), Map.of("fresh", "yes"));

        assertThat(stores.tags().getTags(arn)).isEqualTo(Map.of("fresh", "yes"));
    }

    @Test
    void sessionWithMoreThanFiftyTagsIsNotCreated() {
        Map<String, String> fiftyOne = IntStream.range(0, 51).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
        assertThatThrownBy(() -> service.createSession(ID, spec(30), fiftyOne))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Cannot tag session s1: a resource can have at most 50 tags, and this would make 51");
        assertThat(store.findSession(ID)).isEmpty();
        assertThatThrownBy(() -> launcher.driver(ID)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void runStatementBeforeReadyFailsLikeAws() {
        service.createSession(ID, spec(30), Map.of());
        assertThatThrownBy(() -> service.runStatement(ID, "1 + 1"))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Session is not ready, session_id=s1, status=PROVISIONING")
                .extracting(error -> ((EpoxyException) error).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void statementsRunOneAtATimeInOrder() {
        ready();
        int first = service.runStatement(ID, "a");
        int second = service.runStatement(ID, "b");
        int third = service.runStatement(ID, "c");
        assertThat(List.of(first, second, third)).containsExactly(1, 2, 3);
        assertThat(states()).containsExactly(RUNNING, WAITING, WAITING);
        assertThat(launcher.driver(ID).commands()).containsExactly("run 1");

        complete(first);
        assertThat(states()).containsExactly(AVAILABLE, RUNNING, WAITING);
        assertThat(launcher.driver(ID).commands()).containsExactly("run 1", "run 2");
    }

    @Test
    void cancellingAWaitingStatementIsImmediateAndItNeverRuns() {
        ready();
        int running = service.runStatement(ID, "a");
        int waiting = service.runStatement(ID, "b");
        service.cancelStatement(ID, waiting);
        assertThat(service.loadStatement(ID, waiting).state()).isEqualTo(CANCELLED);
        complete(running);
        assertThat(launcher.driver(ID).commands()).containsExactly("run 1");
    }

    @Test
    void cancellingARunningStatementAsksTheDriverAndWaitsForIt() {
        ready();
        int running = service.runStatement(ID, "sleep");
        service.cancelStatement(ID, running);
        assertThat(service.loadStatement(ID, running).state()).isEqualTo(CANCELLING);
        assertThat(launcher.driver(ID).commands()).containsExactly("run 1", "cancel 1");
        launcher.listener().statementCompleted(ID, running, CANCELLED, Optional.empty(), clock.instant());
        assertThat(service.loadStatement(ID, running).state()).isEqualTo(CANCELLED);
        assertThat(service.runStatement(ID, "next")).isEqualTo(2);
    }

    @Test
    void idleTimeoutCountsFromReadinessAndEndsInTimeout() {
        ready();
        clock.advance(Duration.ofSeconds(59));
        service.reap();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.READY);
        clock.advance(Duration.ofSeconds(1));
        service.reap();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.TIMEOUT);
        assertThat(launcher.driver(ID).commands()).containsExactly("stop");
    }

    @Test
    void idleTimeoutNeverFiresWhileAStatementRunsAndCountsFromItsCompletion() {
        ready();
        int statement = service.runStatement(ID, "long");
        clock.advance(Duration.ofHours(2));
        service.reap();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.READY);
        complete(statement);
        clock.advance(Duration.ofSeconds(59));
        service.reap();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.READY);
        clock.advance(Duration.ofSeconds(1));
        service.reap();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.TIMEOUT);
    }

    @Test
    void totalTimeoutEndsEvenABusySession() {
        service.createSession(ID, spec(1).withTimeoutMinutes(3), Map.of());
        launcher.listener().driverReady(ID);
        int statement = service.runStatement(ID, "long");
        clock.advance(Duration.ofMinutes(3));
        service.reap();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.TIMEOUT);
        assertThat(service.loadStatement(ID, statement).state()).isEqualTo(CANCELLED);
    }

    @Test
    void failedSessionCanBeStoppedAndStaysFailed() {
        ready();
        launcher.listener().driverFailed(ID, "Cannot start Spark in the session driver: com.example.Missing");
        service.stopSession(ID);
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.FAILED);
        assertThat(service.loadSession(ID).errorMessage()).contains("Cannot start Spark in the session driver: com.example.Missing");
    }

    @Test
    void creatingAFailedSessionsIdAgainSaysWhyItFailed() {
        ready();
        launcher.listener().driverFailed(ID, "Cannot start Spark in the session driver: com.example.Missing");
        assertThatThrownBy(() -> service.createSession(ID, spec(1), Map.of()))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Session already exists: s1 (it FAILED: Cannot start Spark in the session driver: com.example.Missing). "
                        + "Stop or delete it to use its id again; in the Glue kernel, run %stop_session");
    }

    @Test
    void driverFailureFailsTheSessionAndItsStatements() {
        ready();
        int running = service.runStatement(ID, "a");
        int waiting = service.runStatement(ID, "b");
        launcher.listener().driverFailed(ID, "The session driver was killed by signal 9 (SIGKILL)");
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.FAILED);
        assertThat(service.loadSession(ID).errorMessage()).contains("The session driver was killed by signal 9 (SIGKILL)");
        assertThat(service.loadSession(ID).completedOn()).contains(clock.instant());
        assertThat(service.loadStatement(ID, running).state()).isEqualTo(ERROR);
        assertThat(service.loadStatement(ID, waiting).state()).isEqualTo(CANCELLED);
        assertThatThrownBy(() -> service.runStatement(ID, "c"))
                .hasMessage("Session is not ready, session_id=s1, status=FAILED");
    }

    @Test
    void stopGoesThroughStoppingToStopped() {
        ready();
        service.stopSession(ID);
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.STOPPING);
        launcher.listener().driverStopped(ID);
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.STOPPED);
        assertThatThrownBy(() -> service.stopSession(ID))
                .hasMessage("Cannot stop session s1: it is STOPPED");
    }

    @Test
    void stoppingCancelsTheRunningAndTheWaitingStatements() {
        ready();
        int running = service.runStatement(ID, "a");
        int waiting = service.runStatement(ID, "b");
        service.stopSession(ID);
        assertThat(service.loadStatement(ID, running).state()).isEqualTo(CANCELLED);
        assertThat(service.loadStatement(ID, waiting).state()).isEqualTo(CANCELLED);
        launcher.listener().driverStopped(ID);
        assertThat(launcher.driver(ID).commands()).containsExactly("run 1", "stop");
    }

    @Test
    void waitingStatementLimitIsEnforced() {
        service.close();
        service = new SessionService(store, stores.tags(), GlueArns.defaults(), launcher, clock, SessionConfig.defaults().withMaxWaitingStatements(1).withReaperInterval(Duration.ofHours(1)));
        ready();
        service.runStatement(ID, "running");
        service.runStatement(ID, "waiting");
        assertThatThrownBy(() -> service.runStatement(ID, "one too many"))
                .hasMessage("Cannot run statement: 1 statements are already waiting in session s1")
                .extracting(error -> ((EpoxyException) error).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void deletedIdCanBeReusedAndLateEventsAreIgnored() {
        ready();
        service.deleteSession(ID);
        assertThatThrownBy(() -> service.loadSession(ID)).hasMessage("Session not found: s1");
        launcher.listener().driverStopped(ID);
        service.createSession(ID, spec(30), Map.of());
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.PROVISIONING);
        assertThatThrownBy(() -> service.createSession(ID, spec(30), Map.of()))
                .extracting(error -> ((EpoxyException) error).code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void lateEventsOfADeletedSessionsDriverDoNotReachTheSessionThatReusesItsId() {
        service.createSession(ID, spec(30), Map.of());
        DriverListener deletedSessionsDriver = launcher.listener();
        service.deleteSession(ID);
        service.createSession(ID, spec(30), Map.of());
        deletedSessionsDriver.driverFailed(ID, "The session driver was killed by signal 15 (SIGTERM)");
        deletedSessionsDriver.driverReady(ID);
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.PROVISIONING);
        launcher.listener().driverReady(ID);
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.READY);
    }

    @Test
    void activeSessionLimitIsEnforced() {
        service.close();
        service = new SessionService(store, stores.tags(), GlueArns.defaults(), launcher, clock, SessionConfig.defaults().withMaxActiveSessions(1).withReaperInterval(Duration.ofHours(1)));
        service.createSession(ID, spec(30), Map.of());
        assertThatThrownBy(() -> service.createSession(new SessionId("s2"), spec(30), Map.of()))
                .extracting(error -> ((EpoxyException) error).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void driverThatNeverBecomesReadyFailsTheSession() {
        service.createSession(ID, spec(30), Map.of());
        clock.advance(SessionConfig.defaults().startupTimeout());
        service.reap();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.FAILED);
        assertThat(service.loadSession(ID).errorMessage().orElseThrow()).contains("did not become ready");
    }

    @Test
    void newServerMarksSessionsOfTheOldOneFailed() {
        ready();
        int running = service.runStatement(ID, "a");
        service.close();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.READY);

        service = newService();
        assertThat(service.loadSession(ID).status()).isEqualTo(SessionStatus.FAILED);
        assertThat(service.loadSession(ID).errorMessage().orElseThrow()).contains("restarted");
        assertThat(service.loadStatement(ID, running).state()).isEqualTo(ERROR);
    }

    @Test
    void dpuSecondsFollowAwsBilling() {
        // 3 x G.2X = 6 DPU; billed for at least one minute
        service.createSession(ID, spec(30), Map.of());
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.describeSession(ID).dpuSeconds()).isEqualTo(6.0 * 60);
        clock.advance(Duration.ofSeconds(90));
        assertThat(service.describeSession(ID).executionSeconds()).isEqualTo(120.0);
        assertThat(service.describeSession(ID).dpuSeconds()).isEqualTo(6.0 * 120);
    }

    private void ready() {
        service.createSession(ID, spec(1), Map.of());
        launcher.listener().driverReady(ID);
    }

    private void complete(int statementId) {
        launcher.listener().statementCompleted(ID, statementId, AVAILABLE, Optional.of(StatementOutput.ok(statementId, "")), clock.instant());
    }

    private List<StatementState> states() {
        return service.listStatements(ID, 1).statements().stream().map(statement -> statement.state()).toList();
    }

    private SessionService newService() {
        return new SessionService(store, stores.tags(), GlueArns.defaults(), launcher, clock, SessionConfig.defaults().withReaperInterval(Duration.ofHours(1)));
    }

    private Stores openStores() {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        return factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
    }

    private static SessionSpec spec(int idleTimeoutMinutes) {
        return new SessionSpec(
                Optional.empty(),
                "arn:aws:iam::123456789012:role/Test",
                new SessionCommand("glueetl", "3"),
                SessionSpec.DEFAULT_TIMEOUT_MINUTES,
                idleTimeoutMinutes,
                Map.of(),
                List.of(),
                Capacity.ofWorkers(WorkerType.G_2X, 3),
                Optional.empty(),
                "5.0",
                Optional.empty());
    }
}
