package dev.epoxy.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.session.SessionConfig;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.session.StatementWaitConfig;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.server.config.RequestLimits;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.testing.TestingDriverLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GetStatement answers held until the statement finishes (issue 10, item 5), over HTTP against a real
 * endpoint, session service and H2 store; the driver's part is played through {@link TestingDriverLauncher}.
 * Every wait for "held" is long (minutes), so an answer that arrives before the statement finishes
 * was not held, and one that arrives after can only have been released by the completion.
 */
class TestHeldGetStatement {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound for "answers promptly"; generous for a loaded machine, far below the hold. */
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(30);
    private static final Duration LONG_HOLD = Duration.ofMinutes(10);
    private static final String KERNEL = "GluePySparkKernel";

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newHttpClient();
    private final TestingDriverLauncher launcher = new TestingDriverLauncher();
    private final Map<String, DriverListener> listeners = new HashMap<>();
    private Stores stores;
    private SessionService sessions;
    private GlueEndpoint endpoint;

    private void start(StatementWaitConfig wait, int processingSlots) {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
        ServerConfig config = ServerConfig.defaults().withPort(0)
                .withRequestLimits(RequestLimits.defaults().withMaxConcurrentRequests(processingSlots).withMaxQueuedRequests(64));
        sessions = new SessionService(stores.sessions(), stores.tags(), config.arns(), launcher, Clock.systemUTC(),
                SessionConfig.defaults().withStatementWait(wait.withinProcessingSlots(processingSlots)));
        endpoint = GlueEndpoint.start(config, GlueApi.operations(config.arns(), Clock.systemUTC(), stores, sessions));
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (sessions != null) {
            sessions.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void kernelSessionsGetStatementIsAnsweredWhenTheStatementCompletes() {
        start(StatementWaitConfig.defaults().withMaxWait(LONG_HOLD), 32);
        readySession("kernel", Optional.of(KERNEL));
        int statementId = runStatement("kernel", "1 + 1");

        CompletableFuture<HttpResponse<String>> held = sendAsync("GetStatement", "{\"SessionId\":\"kernel\",\"Id\":" + statementId + "}");
        await().atMost(ANSWER_DEADLINE).until(() -> sessions.heldStatementAnswers() == 1);
        assertThat(held).isNotDone();

        complete("kernel", statementId, "2");

        JsonNode statement = body(held.join()).get("Statement");
        assertThat(statement.get("State").asText()).isEqualTo("AVAILABLE");
        assertThat(statement.get("Output").get("Data").get("TextPlain").asText()).isEqualTo("2");
        assertThat(statement.get("Progress").asDouble()).isEqualTo(1.0);
        assertThat(sessions.heldStatementAnswers()).isZero();
    }

    @Test
    void otherClientsGetTheRunningStatementAtOnce() {
        start(StatementWaitConfig.defaults().withMaxWait(LONG_HOLD), 32);
        readySession("boto3", Optional.empty());
        readySession("studio", Optional.of("GlueStudioNotebook"));
        runStatement("boto3", "1 + 1");
        runStatement("studio", "1 + 1");

        assertThat(getStatement("boto3", 1).get("State").asText()).isEqualTo("RUNNING");
        assertThat(getStatement("studio", 1).get("State").asText()).isEqualTo("RUNNING");
        assertThat(sessions.heldStatementAnswers()).isZero();
    }

    @Test
    void finishedStatementsAreAnsweredAtOnce() {
        start(StatementWaitConfig.defaults().withMaxWait(LONG_HOLD), 32);
        readySession("kernel", Optional.of(KERNEL));
        int statementId = runStatement("kernel", "1 + 1");
        complete("kernel", statementId, "2");

        assertThat(getStatement("kernel", statementId).get("State").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void heldAnswerGivesTheStatementAsItIsWhenTheWaitEnds() {
        start(StatementWaitConfig.defaults().withMaxWait(Duration.ofMillis(200)), 32);
        readySession("kernel", Optional.of(KERNEL));
        int statementId = runStatement("kernel", "import time; time.sleep(3600)");
        listeners.get("kernel").statementProgress(new SessionId("kernel"), statementId, 0.25);

        JsonNode statement = getStatement("kernel", statementId);
        assertThat(statement.get("State").asText()).isEqualTo("RUNNING");
        assertThat(statement.get("Progress").asDouble()).isEqualTo(0.25);
        assertThat(sessions.heldStatementAnswers()).isZero();
    }

    @Test
    void cancelledStatementReleasesItsHeldAnswer() {
        start(StatementWaitConfig.defaults().withMaxWait(LONG_HOLD), 32);
        readySession("kernel", Optional.of(KERNEL));
        int running = runStatement("kernel", "import time; time.sleep(3600)");
        int waiting = runStatement("kernel", "1 + 1");

        CompletableFuture<HttpResponse<String>> held = sendAsync("GetStatement", "{\"SessionId\":\"kernel\",\"Id\":" + waiting + "}");
        await().atMost(ANSWER_DEADLINE).until(() -> sessions.heldStatementAnswers() == 1);
        call("CancelStatement", "{\"SessionId\":\"kernel\",\"Id\":" + waiting + "}");

        assertThat(body(held.join()).get("Statement").get("State").asText()).isEqualTo("CANCELLED");
        // ListStatements is never held.
        assertThat(call("ListStatements", "{\"SessionId\":\"kernel\"}").get("Statements").get(running - 1).get("State").asText()).isEqualTo("RUNNING");
    }

    @Test
    void deletingTheSessionAnswersItsHeldGetStatementsWithNotFound() {
        start(StatementWaitConfig.defaults().withMaxWait(LONG_HOLD), 32);
        readySession("kernel", Optional.of(KERNEL));
        int statementId = runStatement("kernel", "1 + 1");
        CompletableFuture<HttpResponse<String>> held = sendAsync("GetStatement", "{\"SessionId\":\"kernel\",\"Id\":" + statementId + "}");
        await().atMost(ANSWER_DEADLINE).until(() -> sessions.heldStatementAnswers() == 1);

        call("DeleteSession", "{\"Id\":\"kernel\"}");

        HttpResponse<String> answer = held.join();
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("x-amzn-ErrorType")).contains("EntityNotFoundException");
        assertThat(body(answer).get("Message").asText()).isEqualTo("Session not found: kernel");
    }

    @Test
    void manyHeldGetStatementsLeaveOtherOperationsAnswering() {
        // 8 processing slots: at most 4 held answers, whatever max-statement-waits says.
        start(StatementWaitConfig.defaults().withMaxWait(LONG_HOLD).withMaxHeld(100), 8);
        readySession("kernel", Optional.of(KERNEL));
        int statementId = runStatement("kernel", "import time; time.sleep(3600)");

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        IntStream.range(0, 20).forEach(ignored -> answers.add(sendAsync("GetStatement", "{\"SessionId\":\"kernel\",\"Id\":" + statementId + "}")));
        await().atMost(ANSWER_DEADLINE).until(() -> answers.stream().filter(CompletableFuture::isDone).count() == 16);
        assertThat(sessions.heldStatementAnswers()).isEqualTo(4);
        List<CompletableFuture<HttpResponse<String>>> answeredAtOnce = answers.stream().filter(CompletableFuture::isDone).toList();
        assertThat(answeredAtOnce).allSatisfy(answer -> assertThat(body(answer.join()).get("Statement").get("State").asText()).isEqualTo("RUNNING"));

        // The four held answers keep four of the eight slots; every other operation still gets one.
        for (int round = 0; round < 10; round++) {
            assertThat(call("GetSession", "{\"Id\":\"kernel\"}").get("Session").get("Status").asText()).isEqualTo("READY");
            assertThat(call("ListSessions", "{}").get("Ids")).hasSize(1);
            assertThat(call("ListStatements", "{\"SessionId\":\"kernel\"}").get("Statements")).hasSize(1);
        }
        readySession("other", Optional.empty());
        assertThat(call("RunStatement", "{\"SessionId\":\"other\",\"Code\":\"1\"}").get("Id").asInt()).isEqualTo(1);
        assertThat(answers).filteredOn(answer -> !answer.isDone()).hasSize(4);

        complete("kernel", statementId, "done");
        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().statusCode()).isEqualTo(200));
        assertThat(answers).filteredOn(answer -> body(answer.join()).get("Statement").get("State").asText().equals("AVAILABLE")).hasSize(4);
    }

    private void readySession(String id, Optional<String> requestOrigin) {
        String origin = requestOrigin.map(value -> ",\"RequestOrigin\":\"" + value + "\"").orElse("");
        call("CreateSession", "{\"Id\":\"" + id + "\",\"Role\":\"arn:aws:iam::123456789012:role/Glue\",\"Command\":{\"Name\":\"glueetl\",\"PythonVersion\":\"3\"}" + origin + "}");
        // The launcher's listener is the last launched session's: keep each session's own.
        listeners.put(id, launcher.listener());
        launcher.listener().driverReady(new SessionId(id));
    }

    private int runStatement(String sessionId, String code) {
        return call("RunStatement", "{\"SessionId\":\"" + sessionId + "\",\"Code\":" + quoted(code) + "}").get("Id").asInt();
    }

    private void complete(String sessionId, int statementId, String text) {
        listeners.get(sessionId).statementCompleted(new SessionId(sessionId), statementId, StatementState.AVAILABLE,
                Optional.of(StatementOutput.ok(statementId, text)), Instant.now());
    }

    private JsonNode getStatement(String sessionId, int statementId) {
        return call("GetStatement", "{\"SessionId\":\"" + sessionId + "\",\"Id\":" + statementId + "}").get("Statement");
    }

    private JsonNode call(String operation, String body) {
        HttpResponse<String> response = sendAsync(operation, body).orTimeout(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(response.statusCode()).as("%s answered %s", operation, response.body()).isEqualTo(200);
        return body(response);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String operation, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.uri() + "/"))
                .header("X-Amz-Target", "AWSGlue." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
