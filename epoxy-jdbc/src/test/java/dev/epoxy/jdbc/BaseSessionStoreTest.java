package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.SessionFixtures.at;
import static dev.epoxy.jdbc.SessionFixtures.fullSession;
import static dev.epoxy.jdbc.SessionFixtures.provisioning;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static java.time.temporal.ChronoUnit.MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionStatus;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.PageLimit;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementDisplay;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementPage;
import dev.epoxy.core.statement.StatementState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SessionStore}, run against every implementation. Each test starts from an
 * empty store.
 */
public abstract class BaseSessionStoreTest {
    private static final SessionId MISSING = new SessionId("missing-session");
    /** No limit a test reaches. */
    protected static final PageLimit WHOLE_HISTORY = new PageLimit(Integer.MAX_VALUE, Long.MAX_VALUE);
    /** Small pages, so that tests reading whole histories exercise paging too. */
    private static final PageLimit FIVE_PER_PAGE = new PageLimit(5, Long.MAX_VALUE);
    private static final String UNICODE = "Grüße, 日本語, Ελληνικά, עברית, 🚀👍🏽, e\u0301, \\n\"quoted\" 'single' \t tab\r\nline";

    protected Stores stores;
    protected SessionStore store;

    /** Opens the stores on a migrated database; the test closes them. */
    protected abstract Stores openStores();

    /** Settings of a new, empty database (not the one {@link #openStores()} opens), named after the test. */
    protected abstract StoreSettings emptyDatabase(String name);

    /** Rows of a table of the store's database, counted over a connection of the test's own. */
    protected abstract long countRows(String table);

    /** Opens the stores (again) into {@link #stores} and {@link #store}. */
    protected final void reopenStore() {
        stores = openStores();
        store = stores.sessions();
    }

    @BeforeEach
    final void setUpStore() {
        reopenStore();
        store.listSessions().forEach(session -> store.deleteSession(session.id()));
    }

    @AfterEach
    final void tearDownStore() {
        stores.close();
    }

    @Test
    void createdSessionIsFoundWithEveryMember() {
        Session session = fullSession("full", at(ofSeconds(1)));
        store.createSession(session);

        assertThat(store.findSession(session.id())).contains(session);
    }

    @Test
    void sessionWithAbsentOptionalsAndEmptyCollectionsRoundTrips() {
        Session session = provisioning("minimal", at(ofSeconds(1)));
        store.createSession(session);

        Session found = store.findSession(session.id()).orElseThrow();
        assertThat(found).isEqualTo(session);
        assertThat(found.spec().description()).isEmpty();
        assertThat(found.spec().securityConfiguration()).isEmpty();
        assertThat(found.spec().requestOrigin()).isEmpty();
        assertThat(found.spec().defaultArguments()).isEmpty();
        assertThat(found.spec().connections()).isEmpty();
        assertThat(found.errorMessage()).isEmpty();
        assertThat(found.readyOn()).isEmpty();
        assertThat(found.completedOn()).isEmpty();
    }

    @Test
    void sessionIdOfMaximumGlueLengthRoundTrips() {
        String id = "s".repeat(254) + "é";
        store.createSession(provisioning(id, at(ofSeconds(1))));

        assertThat(store.findSession(new SessionId(id))).map(Session::id).contains(new SessionId(id));
    }

    @Test
    void findMissingSessionIsEmpty() {
        assertThat(store.findSession(MISSING)).isEmpty();
    }

    @Test
    void createExistingSessionFailsAndKeepsTheOriginal() {
        Session original = provisioning("duplicate", at(ofSeconds(1)));
        store.createSession(original);

        assertEpoxyError(
                () -> store.createSession(fullSession("duplicate", at(ofSeconds(2)))),
                ErrorCode.ALREADY_EXISTS,
                "Session already exists: duplicate");
        assertThat(store.findSession(original.id())).contains(original);
    }

    @Test
    void listSessionsIsEmptyWithoutSessions() {
        assertThat(store.listSessions()).isEmpty();
    }

    @Test
    void listSessionsIsOldestFirstAndInCreationOrderWithinAMillisecond() {
        store.createSession(provisioning("c-newest", at(ofSeconds(30))));
        store.createSession(provisioning("z-oldest", at(ofSeconds(10))));
        store.createSession(provisioning("b-middle-first", at(ofSeconds(20))));
        store.createSession(provisioning("a-middle-second", at(ofSeconds(20))));

        assertThat(store.listSessions())
                .extracting(session -> session.id().value())
                .containsExactly("z-oldest", "b-middle-first", "a-middle-second", "c-newest");
    }

    @Test
    void listedSessionsCarryEveryMember() {
        Session full = fullSession("full", at(ofSeconds(1)));
        Session minimal = provisioning("minimal", at(ofSeconds(2)));
        store.createSession(full);
        store.createSession(minimal);

        assertThat(store.listSessions()).containsExactly(full, minimal);
    }

    @Test
    void updateSessionReplacesTheLifecycleMembers() {
        Session created = fullSession("lifecycle", at(ofSeconds(1)));
        store.createSession(created);

        Session ready = created.ready(at(ofSeconds(5)));
        store.updateSession(ready);
        assertThat(store.findSession(created.id())).contains(ready);

        Session failed = ready.withLastActivityOn(at(ofSeconds(9)))
                .completed(SessionStatus.FAILED, Optional.of("Driver exited with code 137: " + UNICODE), at(ofMinutes(1)));
        store.updateSession(failed);

        Session found = store.findSession(created.id()).orElseThrow();
        assertThat(found).isEqualTo(failed);
        assertThat(found.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(found.readyOn()).contains(at(ofSeconds(5)));
        assertThat(found.completedOn()).contains(at(ofMinutes(1)));
        assertThat(found.lastActivityOn()).isEqualTo(at(ofSeconds(9)));
        assertThat(found.errorMessage()).contains("Driver exited with code 137: " + UNICODE);
    }

    @Test
    void updateSessionReplacesTheSpecToo() {
        Session minimal = provisioning("respec", at(ofSeconds(1)));
        store.createSession(minimal);
        Session full = fullSession("respec", at(ofSeconds(1)));

        store.updateSession(full);

        assertThat(store.findSession(minimal.id())).contains(full);
    }

    @Test
    void updateMissingSessionFails() {
        assertEpoxyError(
                () -> store.updateSession(provisioning(MISSING.value(), at(ofSeconds(1)))),
                ErrorCode.SESSION_NOT_FOUND,
                "Session not found: missing-session");
        assertThat(store.findSession(MISSING)).isEmpty();
    }

    @Test
    void instantsKeepMillisecondPrecision() {
        Instant withNanos = Instant.parse("2026-03-14T15:09:26.535897932Z");
        store.createSession(provisioning("precise", withNanos));

        Session found = store.findSession(new SessionId("precise")).orElseThrow();
        assertThat(found.createdOn()).isEqualTo(Instant.parse("2026-03-14T15:09:26.535Z"));
        assertThat(found.lastActivityOn()).isEqualTo(withNanos.truncatedTo(MILLIS));
    }

    @Test
    void deleteSessionRemovesItsStatements() {
        Session session = provisioning("doomed", at(ofSeconds(1)));
        store.createSession(session);
        store.createStatement(session.id(), "1 + 1", at(ofSeconds(2)));
        Session survivor = provisioning("survivor", at(ofSeconds(1)));
        store.createSession(survivor);
        Statement survivorStatement = store.createStatement(survivor.id(), "2 + 2", at(ofSeconds(2)));

        assertThat(store.deleteSession(session.id())).isTrue();

        assertThat(store.findSession(session.id())).isEmpty();
        assertThat(allStatements(store, session.id())).isEmpty();
        assertThat(store.findStatement(session.id(), 1)).isEmpty();
        assertThat(store.listSessions()).containsExactly(survivor);
        assertThat(allStatements(store, survivor.id())).containsExactly(survivorStatement);
    }

    @Test
    void deleteMissingSessionReturnsFalse() {
        assertThat(store.deleteSession(MISSING)).isFalse();
    }

    @Test
    void deletedSessionCanBeCreatedAgainAndItsStatementIdsRestartAtOne() {
        SessionId id = new SessionId("phoenix");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        store.createStatement(id, "a = 1", at(ofSeconds(2)));
        store.createStatement(id, "b = 2", at(ofSeconds(3)));
        store.deleteSession(id);

        Session reborn = fullSession(id.value(), at(ofSeconds(10)));
        store.createSession(reborn);
        Statement first = store.createStatement(id, "c = 3", at(ofSeconds(11)));

        assertThat(store.findSession(id)).contains(reborn);
        assertThat(first.id()).isEqualTo(1);
        assertThat(allStatements(store, id)).containsExactly(first);
    }

    @Test
    void createStatementStoresAWaitingStatementWithIdsFromOne() {
        SessionId id = new SessionId("counting");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));

        Statement first = store.createStatement(id, "x = 41", at(ofSeconds(2)));
        Statement second = store.createStatement(id, "x + 1", at(ofSeconds(3)));

        assertThat(first).isEqualTo(Statement.waiting(id, 1, "x = 41", at(ofSeconds(2))));
        assertThat(second).isEqualTo(Statement.waiting(id, 2, "x + 1", at(ofSeconds(3))));
        assertThat(store.findStatement(id, 1)).contains(first);
        assertThat(store.findStatement(id, 2)).contains(second);
    }

    @Test
    void statementIdsArePerSession() {
        SessionId one = new SessionId("one");
        SessionId two = new SessionId("two");
        store.createSession(provisioning(one.value(), at(ofSeconds(1))));
        store.createSession(provisioning(two.value(), at(ofSeconds(1))));

        store.createStatement(one, "1", at(ofSeconds(2)));
        store.createStatement(one, "2", at(ofSeconds(2)));
        Statement firstOfTwo = store.createStatement(two, "3", at(ofSeconds(2)));

        assertThat(firstOfTwo.id()).isEqualTo(1);
        assertThat(store.findStatement(two, 2)).isEmpty();
        assertThat(allStatements(store, one)).extracting(Statement::code).containsExactly("1", "2");
    }

    @Test
    void listStatementsIsInNumericIdOrder() {
        SessionId id = new SessionId("ordered");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        List<Statement> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(store.createStatement(id, "statement " + i, at(ofSeconds(20 - i))));
        }

        assertThat(allStatements(store, id)).containsExactlyElementsOf(created);
        assertThat(allStatements(store, id)).extracting(Statement::id).containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    void statementsOfMissingSessionAreEmpty() {
        assertThat(allStatements(store, MISSING)).isEmpty();
        assertThat(store.findStatement(MISSING, 1)).isEmpty();
    }

    @Test
    void findMissingStatementIsEmpty() {
        SessionId id = new SessionId("few");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        store.createStatement(id, "1", at(ofSeconds(2)));

        assertThat(store.findStatement(id, 2)).isEmpty();
        assertThat(store.findStatement(id, 0)).isEmpty();
        assertThat(store.findStatement(id, -1)).isEmpty();
    }

    @Test
    void createStatementInMissingSessionFails() {
        assertEpoxyError(() -> store.createStatement(MISSING, "1", at(ofSeconds(1))), ErrorCode.SESSION_NOT_FOUND, "Session not found: missing-session");
        assertThat(allStatements(store, MISSING)).isEmpty();
    }

    @Test
    void updateStatementStoresProgressAndTimes() {
        SessionId id = new SessionId("running");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        Statement running = store.createStatement(id, "spark.range(10).count()", at(ofSeconds(2)))
                .running(at(ofSeconds(3)))
                .withProgress(0.375);

        store.updateStatement(running);

        Statement found = store.findStatement(id, 1).orElseThrow();
        assertThat(found).isEqualTo(running);
        assertThat(found.state()).isEqualTo(StatementState.RUNNING);
        assertThat(found.progress()).isEqualTo(0.375);
        assertThat(found.startedOn()).contains(at(ofSeconds(3)));
        assertThat(found.completedOn()).isEmpty();
        assertThat(found.output()).isEmpty();
    }

    @Test
    void updateStatementStoresOkOutput() {
        SessionId id = new SessionId("ok");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        Statement statement = store.createStatement(id, "print('hello world')", at(ofSeconds(2)));
        Statement available = statement.running(at(ofSeconds(3)))
                .completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(1, "hello world\n" + UNICODE)), at(ofSeconds(4)));

        store.updateStatement(available);

        assertThat(store.findStatement(id, 1)).contains(available);
        assertThat(allStatements(store, id)).containsExactly(available);
    }

    @Test
    void updateStatementStoresErrorOutputWithTraceback() {
        SessionId id = new SessionId("error");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        List<String> traceback = List.of(
                "Traceback (most recent call last):\n",
                "  File \"<stdin>\", line 1, in <module>\n",
                "",
                "ZeroDivisionError: division by zero — " + UNICODE + "\n");
        StatementOutput output = new StatementOutput(
                OutputStatus.ERROR, 7, Optional.of("printed before failing"),
                Optional.of("ZeroDivisionError"), Optional.of("division by zero"), traceback);
        Statement failed = store.createStatement(id, "1 / 0", at(ofSeconds(2)))
                .completed(StatementState.AVAILABLE, Optional.of(output), at(ofSeconds(3)));

        store.updateStatement(failed);

        Statement found = store.findStatement(id, 1).orElseThrow();
        assertThat(found).isEqualTo(failed);
        assertThat(found.output().orElseThrow().traceback()).containsExactlyElementsOf(traceback);
        assertThat(found.output().orElseThrow().textPlain()).contains("printed before failing");
        assertThat(found.output().orElseThrow().executionCount()).isEqualTo(7);
    }

    @Test
    void updateStatementStoresDisplayOfOutput() {
        SessionId id = new SessionId("display");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        String png = "iVBORw0KGgo" + "A".repeat(200_000);
        StatementOutput output = StatementOutput.ok(1, "plotted").withDisplay(new StatementDisplay("image/png;base64", png));
        Statement plotted = store.createStatement(id, "plt.plot([1])\n%matplot plt", at(ofSeconds(2)))
                .completed(StatementState.AVAILABLE, Optional.of(output), at(ofSeconds(3)));

        store.updateStatement(plotted);

        Statement found = store.findStatement(id, 1).orElseThrow();
        assertThat(found).isEqualTo(plotted);
        assertThat(found.output().orElseThrow().display()).contains(new StatementDisplay("image/png;base64", png));
        assertThat(found.output().orElseThrow().textPlain()).contains("plotted");
    }

    @Test
    void updateStatementCanStoreOutputWithoutOptionalMembers() {
        SessionId id = new SessionId("bare");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        StatementOutput bare = StatementOutput.error(0, "", "", List.of());
        Statement statement = store.createStatement(id, "pass", at(ofSeconds(2)))
                .completed(StatementState.ERROR, Optional.of(bare), at(ofSeconds(3)));
        StatementOutput noText = new StatementOutput(
                OutputStatus.OK, 2, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        Statement second = store.createStatement(id, "pass", at(ofSeconds(4)))
                .completed(StatementState.AVAILABLE, Optional.of(noText), at(ofSeconds(5)));

        store.updateStatement(statement);
        store.updateStatement(second);

        assertThat(allStatements(store, id)).containsExactly(statement, second);
    }

    @Test
    void updateStatementCanClearOutput() {
        SessionId id = new SessionId("cleared");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        Statement created = store.createStatement(id, "1", at(ofSeconds(2)));
        store.updateStatement(created.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(1, "1")), at(ofSeconds(3))));
        Statement cancelled = created.completed(StatementState.CANCELLED, Optional.empty(), at(ofSeconds(4)));

        store.updateStatement(cancelled);

        assertThat(store.findStatement(id, 1)).contains(cancelled);
    }

    @Test
    void updateMissingStatementFails() {
        SessionId id = new SessionId("present");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));

        assertEpoxyError(
                () -> store.updateStatement(Statement.waiting(id, 7, "1", at(ofSeconds(2)))),
                ErrorCode.STATEMENT_NOT_FOUND,
                "Statement 7 not found in session present");
        assertEpoxyError(
                () -> store.updateStatement(Statement.waiting(MISSING, 1, "1", at(ofSeconds(2)))),
                ErrorCode.STATEMENT_NOT_FOUND,
                "Statement 1 not found in session missing-session");
        assertThat(allStatements(store, id)).isEmpty();
    }

    @Test
    void concurrentCreateStatementCallsGetDistinctConsecutiveIds() throws Exception {
        SessionId id = new SessionId("busy");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        int threads = 6;
        int perThread = 20;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int threadNumber = thread;
                Callable<List<Integer>> task = () -> {
                    start.await();
                    List<Integer> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(store.createStatement(id, "thread " + threadNumber + " statement " + i, at(ofMillis(i))).id());
                    }
                    return ids;
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<Integer> allIds = new ArrayList<>();
            for (Future<List<Integer>> future : futures) {
                List<Integer> ids = future.get(60, TimeUnit.SECONDS);
                // One thread's statements are created one after another, so its ids increase.
                assertThat(ids).isSorted();
                allIds.addAll(ids);
            }

            List<Integer> expected = IntStream.rangeClosed(1, threads * perThread).boxed().toList();
            assertThat(allIds).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(allStatements(store, id)).extracting(Statement::id).containsExactlyElementsOf(expected);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void unicodeRoundTripsEverywhere() {
        String sessionId = "séssion-日本-🚀";
        Session session = provisioning(sessionId, at(ofSeconds(1)))
                .completed(SessionStatus.FAILED, Optional.of(UNICODE), at(ofSeconds(2)));
        store.createSession(session);
        Statement statement = store.createStatement(session.id(), "print('" + UNICODE + "')", at(ofSeconds(3)));
        Statement completed = statement.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(1, UNICODE)), at(ofSeconds(4)));
        store.updateStatement(completed);

        assertThat(store.findSession(new SessionId(sessionId))).contains(session);
        assertThat(store.findStatement(session.id(), 1)).contains(completed);
        assertThat(store.findStatement(session.id(), 1).orElseThrow().code()).isEqualTo("print('" + UNICODE + "')");
    }

    @Test
    void nulCharactersAreStoredAsReplacementCharacters() {
        // PostgreSQL rejects U+0000 in text; a statement printing one must still complete on every database.
        SessionId id = new SessionId("nul");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        Statement statement = store.createStatement(id, "print('a\\x00b')", at(ofSeconds(2)));
        StatementOutput withNul = new StatementOutput(
                OutputStatus.ERROR, 1, Optional.of("a\0b"), Optional.of("Error\0Name"), Optional.of("\0"), List.of("line\0", "\0\0"));

        store.updateStatement(statement.completed(StatementState.AVAILABLE, Optional.of(withNul), at(ofSeconds(3))));

        StatementOutput found = store.findStatement(id, 1).orElseThrow().output().orElseThrow();
        assertThat(found.textPlain()).contains("a\uFFFDb");
        assertThat(found.errorName()).contains("Error\uFFFDName");
        assertThat(found.errorValue()).contains("\uFFFD");
        assertThat(found.traceback()).containsExactly("line\uFFFD", "\uFFFD\uFFFD");
    }

    @Test
    void largeCodeAndOutputRoundTrip() {
        SessionId id = new SessionId("large");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        // Glue's maximum code length, in characters, with characters outside the BMP.
        String code = repeatToLength("x = '🚀é'\n", 68_000);
        String output = repeatToLength("line of output — ü\n", 4 * 1024 * 1024);
        List<String> traceback = IntStream.range(0, 2_000).mapToObj(i -> "  File \"<stdin>\", line " + i + "\n").toList();
        Statement statement = store.createStatement(id, code, at(ofSeconds(2)));
        StatementOutput errorOutput = new StatementOutput(
                OutputStatus.ERROR, 1, Optional.of(output), Optional.of("RecursionError"),
                Optional.of(repeatToLength("deep ", 100_000)), traceback);
        Statement completed = statement.completed(StatementState.AVAILABLE, Optional.of(errorOutput), at(ofSeconds(3)));

        store.updateStatement(completed);

        Statement found = store.findStatement(id, 1).orElseThrow();
        assertThat(found.code()).hasSize(68_000).isEqualTo(code);
        assertThat(found.output().orElseThrow().textPlain().orElseThrow()).hasSize(4 * 1024 * 1024).isEqualTo(output);
        assertThat(found).isEqualTo(completed);
    }

    @Test
    void returnedCollectionsAreImmutable() {
        store.createSession(provisioning("one", at(ofSeconds(1))));
        store.createStatement(new SessionId("one"), "1", at(ofSeconds(2)));

        assertThatThrownBy(() -> store.listSessions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> store.listStatements(new SessionId("one"), 1, WHOLE_HISTORY).statements().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void closedStoreFailsWithInternalError() {
        store.createSession(provisioning("one", at(ofSeconds(1))));
        stores.close();

        assertEpoxyError(() -> store.findSession(new SessionId("one")), ErrorCode.INTERNAL, "Cannot read session one");
        assertEpoxyError(() -> store.createStatement(new SessionId("one"), "1", at(ofSeconds(2))), ErrorCode.INTERNAL, "Cannot create statement in session one");
        assertEpoxyError(() -> store.listSessions(), ErrorCode.INTERNAL, "Cannot list sessions");
    }

    @Test
    void pageEndsBeforeTheStatementThatWouldExceedTheCharacterBudget() {
        SessionId id = sessionWithOutputs("paged", 100, 100, 100, 500, 50);
        // Each statement's code is one character: sizes 101, 101, 101, 501, 51.
        PageLimit limit = new PageLimit(1000, 250);

        StatementPage first = store.listStatements(id, 1, limit);
        assertThat(first.statements()).extracting(Statement::id).containsExactly(1, 2);
        assertThat(first.nextStatementId()).contains(3);
        StatementPage second = store.listStatements(id, 3, limit);
        assertThat(second.statements()).extracting(Statement::id).containsExactly(3);
        assertThat(second.nextStatementId()).contains(4);
        // A statement larger than the budget still gets a page of its own.
        StatementPage third = store.listStatements(id, 4, limit);
        assertThat(third.statements()).extracting(Statement::id).containsExactly(4);
        assertThat(third.statements().get(0).output().orElseThrow().textPlain().orElseThrow()).hasSize(500);
        assertThat(third.nextStatementId()).contains(5);
        StatementPage last = store.listStatements(id, 5, limit);
        assertThat(last.statements()).extracting(Statement::id).containsExactly(5);
        assertThat(last.nextStatementId()).isEmpty();
    }

    @Test
    void pageHoldsAtMostTheMaximumNumberOfStatements() {
        SessionId id = sessionWithOutputs("counted", new int[12]);
        PageLimit limit = new PageLimit(5, Long.MAX_VALUE);

        assertThat(store.listStatements(id, 1, limit).statements()).extracting(Statement::id).containsExactly(1, 2, 3, 4, 5);
        assertThat(store.listStatements(id, 1, limit).nextStatementId()).contains(6);
        assertThat(store.listStatements(id, 11, limit).statements()).extracting(Statement::id).containsExactly(11, 12);
        assertThat(store.listStatements(id, 11, limit).nextStatementId()).isEmpty();
    }

    @Test
    void pageStartsAtTheGivenIdAndIsEmptyBeyondTheLastStatement() {
        SessionId id = sessionWithOutputs("offsets", 1, 2, 3);

        assertThat(store.listStatements(id, 2, WHOLE_HISTORY).statements()).extracting(Statement::id).containsExactly(2, 3);
        assertThat(store.listStatements(id, 0, WHOLE_HISTORY).statements()).extracting(Statement::id).containsExactly(1, 2, 3);
        assertThat(store.listStatements(id, 4, WHOLE_HISTORY)).isEqualTo(StatementPage.empty());
        assertThat(store.listStatements(id, Integer.MAX_VALUE, WHOLE_HISTORY)).isEqualTo(StatementPage.empty());
        assertThat(store.listStatements(MISSING, 1, WHOLE_HISTORY)).isEqualTo(StatementPage.empty());
    }

    @Test
    void pageBudgetCountsCodeErrorsAndTracebacksToo() {
        SessionId id = new SessionId("error-sizes");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        Statement large = store.createStatement(id, "c".repeat(300), at(ofSeconds(2)));
        store.updateStatement(large.completed(StatementState.ERROR,
                Optional.of(StatementOutput.error(1, "ValueError", "v".repeat(300), List.of("t".repeat(300)))), at(ofSeconds(3))));
        store.createStatement(id, "x", at(ofSeconds(4)));

        // Statement 1 holds 300 characters each of code, error value and traceback, plus the error name:
        // more than 900, so statement 2 (one character) does not fit with it; without the traceback it would.
        assertThat(store.listStatements(id, 1, new PageLimit(1000, 299)).statements()).extracting(Statement::id).containsExactly(1);
        assertThat(store.listStatements(id, 1, new PageLimit(1000, 900)).statements()).extracting(Statement::id).containsExactly(1);
        assertThat(store.listStatements(id, 1, new PageLimit(1000, 2_000)).statements()).extracting(Statement::id).containsExactly(1, 2);
    }

    @Test
    void pageBudgetIsMeasuredAsJsonBytesNotCharacters() {
        SessionId id = new SessionId("json-sizes");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        for (String output : List.of("é".repeat(100), "\u0001".repeat(100), "o".repeat(100))) {
            Statement statement = store.createStatement(id, "c", at(ofSeconds(2)));
            store.updateStatement(statement.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(statement.id(), output)), at(ofSeconds(3))));
        }
        // 1 + 200 bytes (é is two in UTF-8), 1 + 600 (a control character is \\u0001 in JSON), 1 + 100.
        PageLimit limit = new PageLimit(1000, 700);

        assertThat(store.listStatements(id, 1, limit).statements()).extracting(Statement::id).containsExactly(1);
        assertThat(store.listStatements(id, 2, limit).statements()).extracting(Statement::id).containsExactly(2);
        assertThat(store.listStatements(id, 3, limit).statements()).extracting(Statement::id).containsExactly(3);
        assertThat(store.listStatements(id, 1, new PageLimit(1000, 802)).statements()).extracting(Statement::id).containsExactly(1, 2);
    }

    @Test
    void unfinishedStatementsAreTheWaitingRunningAndCancellingOnes() {
        SessionId id = new SessionId("unfinished");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        List<Statement> created = IntStream.range(0, 6).mapToObj(i -> store.createStatement(id, "s" + i, at(ofSeconds(2)))).toList();
        store.updateStatement(created.get(0).completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(1, "done")), at(ofSeconds(3))));
        Statement running = created.get(1).running(at(ofSeconds(3)));
        store.updateStatement(running);
        store.updateStatement(created.get(2).completed(StatementState.CANCELLED, Optional.empty(), at(ofSeconds(3))));
        Statement cancelling = created.get(3).running(at(ofSeconds(3))).withState(StatementState.CANCELLING);
        store.updateStatement(cancelling);
        store.updateStatement(created.get(4).completed(StatementState.ERROR, Optional.of(StatementOutput.error(5, "E", "e", List.of())), at(ofSeconds(3))));

        assertThat(store.listUnfinishedStatements(id)).containsExactly(running, cancelling, created.get(5));
        assertThat(store.listUnfinishedStatements(MISSING)).isEmpty();
    }

    @Test
    void deletingASessionWithALargeHistoryFreesItsIdAtOnceAndPurgesTheHistory() {
        SessionId id = new SessionId("large-history");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        String output = "o".repeat(256 * 1024);
        for (int i = 0; i < 40; i++) {
            Statement statement = store.createStatement(id, "print(o)", at(ofSeconds(2)));
            store.updateStatement(statement.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(statement.id(), output)), at(ofSeconds(3))));
        }
        Session survivor = provisioning("survivor", at(ofSeconds(1)));
        store.createSession(survivor);
        Statement survivorStatement = store.createStatement(survivor.id(), "kept", at(ofSeconds(2)));

        assertThat(store.deleteSession(id)).isTrue();

        // Nothing of the old session is visible, and the id starts afresh.
        assertThat(store.findSession(id)).isEmpty();
        assertThat(store.findStatement(id, 1)).isEmpty();
        store.createSession(provisioning(id.value(), at(ofSeconds(4))));
        assertThat(allStatements(store, id)).isEmpty();
        assertThat(store.createStatement(id, "new", at(ofSeconds(5))).id()).isEqualTo(1);
        // The old history goes in the background.
        await().atMost(ofMinutes(1)).untilAsserted(() -> assertThat(countRows("statements")).isEqualTo(2));
        await().atMost(ofMinutes(1)).untilAsserted(() -> assertThat(countRows("deleted_sessions")).isZero());
        assertThat(allStatements(store, id)).extracting(Statement::code).containsExactly("new");
        assertThat(allStatements(store, survivor.id())).containsExactly(survivorStatement);
    }

    @Test
    void historyLeftByAStoreClosedDuringThePurgeIsPurgedByTheNextStore() {
        SessionId id = new SessionId("closed-during-purge");
        store.createSession(provisioning(id.value(), at(ofSeconds(1))));
        for (int i = 0; i < 200; i++) {
            store.createStatement(id, "s".repeat(10_000), at(ofSeconds(2)));
        }
        store.deleteSession(id);
        stores.close();

        reopenStore();

        await().atMost(ofMinutes(1)).untilAsserted(() -> assertThat(countRows("statements")).isZero());
        assertThat(countRows("deleted_sessions")).isZero();
    }

    @Test
    void historyWrittenUnderTheFirstSchemaIsMigratedWithItsSizes() throws SQLException {
        StoreSettings settings = emptyDatabase("v1_history");
        Flyway.configure(getClass().getClassLoader())
                .dataSource(JdbcStores.effectiveUrl(settings.jdbcUrl()), settings.user().orElse(null), settings.password().orElse(null))
                .locations("classpath:db/migration")
                .target("1")
                .load()
                .migrate();
        Session session = provisioning("migrated", at(ofSeconds(1)));
        try (Connection connection = DriverManager.getConnection(
                JdbcStores.effectiveUrl(settings.jdbcUrl()), settings.user().orElse(null), settings.password().orElse(null))) {
            try (PreparedStatement insert = connection.prepareStatement(SessionRows.INSERT)) {
                SessionRows.bind(insert, session);
                insert.executeUpdate();
            }
            connection.createStatement().executeUpdate("UPDATE sessions SET last_statement_id = 3");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO statements (session_id, id, code, state, progress, submitted_on, "
                    + "output_status, output_execution_count, output_text, output_error_name, output_error_value, output_traceback) "
                    + "VALUES ('migrated', ?, ?, ?, 1, 0, ?, ?, ?, ?, ?, ?)")) {
                insertV1Statement(insert, 1, "a", "AVAILABLE", "OK", "o".repeat(500), null, null, StringCodec.encodeList(List.of()));
                insertV1Statement(insert, 2, "b", "ERROR", "ERROR", null, "ValueError", "v".repeat(100), StringCodec.encodeList(List.of("t".repeat(100))));
                insertV1Statement(insert, 3, "c", "AVAILABLE", "OK", "o".repeat(10), null, null, StringCodec.encodeList(List.of()));
            }
        }

        try (Stores migratedStores = JdbcStores.open(settings)) {
            SessionStore migrated = migratedStores.sessions();
            SessionId id = session.id();
            // Sizes 501, about 215 (with the traceback's length prefix) and 11: a budget of 600 holds statement 1 alone, then statements 2 and 3.
            PageLimit limit = new PageLimit(1000, 600);
            assertThat(migrated.listStatements(id, 1, limit).statements()).extracting(Statement::id).containsExactly(1);
            assertThat(migrated.listStatements(id, 2, limit).statements()).extracting(Statement::id).containsExactly(2, 3);
            Statement error = migrated.findStatement(id, 2).orElseThrow();
            assertThat(error.output().orElseThrow().errorName()).contains("ValueError");
            assertThat(error.output().orElseThrow().traceback()).containsExactly("t".repeat(100));
            assertThat(migrated.findStatement(id, 1).orElseThrow().output().orElseThrow().textPlain()).contains("o".repeat(500));
            assertThat(migrated.createStatement(id, "d", at(ofSeconds(2))).id()).isEqualTo(4);
            assertThat(migrated.deleteSession(id)).isTrue();
            assertThat(migrated.findStatement(id, 1)).isEmpty();
        }
    }

    private static void insertV1Statement(PreparedStatement insert, int id, String code, String state, String outputStatus,
            String text, String errorName, String errorValue, String traceback) throws SQLException {
        insert.setInt(1, id);
        insert.setString(2, code);
        insert.setString(3, state);
        insert.setString(4, outputStatus);
        insert.setInt(5, id);
        insert.setString(6, text);
        insert.setString(7, errorName);
        insert.setString(8, errorValue);
        insert.setString(9, traceback);
        insert.executeUpdate();
    }

    /** The session's whole history, read in pages of five. */
    protected static List<Statement> allStatements(SessionStore store, SessionId id) {
        List<Statement> statements = new ArrayList<>();
        Optional<Integer> next = Optional.of(1);
        while (next.isPresent()) {
            StatementPage page = store.listStatements(id, next.get(), FIVE_PER_PAGE);
            statements.addAll(page.statements());
            next = page.nextStatementId();
        }
        return List.copyOf(statements);
    }

    /** A session whose statements have code {@code "c"} and OK outputs of the given lengths. */
    private SessionId sessionWithOutputs(String name, int... outputLengths) {
        SessionId id = new SessionId(name);
        store.createSession(provisioning(name, at(ofSeconds(1))));
        for (int length : outputLengths) {
            Statement statement = store.createStatement(id, "c", at(ofSeconds(2)));
            store.updateStatement(statement.completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(statement.id(), "o".repeat(length))), at(ofSeconds(3))));
        }
        return id;
    }

    protected static void assertEpoxyError(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    private static String repeatToLength(String unit, int length) {
        StringBuilder builder = new StringBuilder(length + unit.length());
        while (builder.length() < length) {
            builder.append(unit);
        }
        builder.setLength(length);
        // Never end on half of a surrogate pair.
        if (Character.isHighSurrogate(builder.charAt(length - 1))) {
            builder.setCharAt(length - 1, 'x');
        }
        return builder.toString();
    }
}
