package dev.epoxy.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.core.session.SessionConfig;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.glue.model.session.GetSessionRequest;
import dev.epoxy.glue.model.session.GetSessionResponse;
import dev.epoxy.server.config.RequestLimits;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.core.connection.ConnectionReferences;
import dev.epoxy.server.http.session.SessionOperations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Slow, short and numerous clients against a real endpoint over raw sockets (issue 6, findings 2 and 4):
 * bodies that trickle or stop must not hold the threads other clients need, must be answered promptly
 * with a 4xx and logged in one DEBUG line without a stack trace, and a full server must say
 * {@code ThrottlingException} instead of going silent.
 */
class TestGlueEndpointUnderSlowClients {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound for "still answers"; generous for a loaded machine, far below "stopped answering". */
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private Stores stores;
    private SessionService sessions;
    private final List<GlueEndpoint> endpoints = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level handlerLevel;

    @BeforeEach
    void start() {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
        sessions = new SessionService(stores.sessions(), stores.tags(), ServerConfig.defaults().arns(), (session, listener) -> {
            throw new AssertionError("No driver may be launched in this test, but session " + session.id() + " asked for one");
        }, Clock.systemUTC(), SessionConfig.defaults());
        Logger handlerLogger = (Logger) LoggerFactory.getLogger(GlueRequestHandler.class);
        handlerLevel = handlerLogger.getLevel();
        handlerLogger.setLevel(Level.DEBUG);
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() throws IOException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger(GlueRequestHandler.class)).setLevel(handlerLevel);
        trickler.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        endpoints.forEach(GlueEndpoint::close);
        sessions.close();
        stores.close();
    }

    @Test
    void sixtyTricklingBodiesDoNotStopOtherCalls() throws Exception {
        // Limits loose enough that the tricklers stay alive for the whole test: what is shown is that they
        // hold no thread and no processing slot, not that they are cut off. 8 slots make a pool of 40
        // threads, fewer than the tricklers: a server that read bodies on its threads would stop answering.
        GlueEndpoint endpoint = start(RequestLimits.defaults().withBodyTimeout(Duration.ofMinutes(5)).withMinBodyDataRate(1).withMaxConcurrentRequests(8));
        List<Socket> trickling = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Socket socket = open(endpoint);
            send(socket, headers("AWSGlue.ListSessions", 1000) + "{");
            trickling.add(socket);
        }
        trickler.scheduleAtFixedRate(() -> trickling.forEach(socket -> send(socket, " ")), 100, 100, TimeUnit.MILLISECONDS);
        await("all 60 trickling requests in progress at once").atMost(ANSWER_DEADLINE).until(() -> endpoint.activeRequests() == 60);

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("X-Amz-Target", "AWSGlue.ListSessions")
                .header("Content-Type", "application/x-amz-json-1.1")
                .timeout(ANSWER_DEADLINE)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree("{\"Ids\":[],\"Sessions\":[]}"));
        // Answered while all 60 were still sending their bodies (the answered call may not have been counted out yet).
        assertThat(endpoint.activeRequests()).isGreaterThanOrEqualTo(60);
        for (Socket socket : trickling) {
            assertThat(socket.getInputStream().available()).as("a trickling request was answered early").isZero();
        }
    }

    @Test
    void tooSlowBodyIsRequestTimeout() throws Exception {
        GlueEndpoint endpoint = start(RequestLimits.defaults());
        Socket socket = open(endpoint);
        send(socket, headers("AWSGlue.ListSessions", 1000) + "{");
        trickler.scheduleAtFixedRate(() -> send(socket, " "), 100, 100, TimeUnit.MILLISECONDS);

        RawResponse response = RawResponse.read(socket);

        response.assertGlueError(408, "RequestTimeoutException");
        assertThat(response.message()).matches("The request body arrived too slowly: \\d+ of 1000 bytes after \\d+ ms \\(the minimum rate is 1024 bytes/s\\)");
        assertThat(response.header("Connection")).contains("close");
        assertOneDebugLineWithoutStackTrace("ListSessions -> 408");
    }

    @Test
    void bodyShorterThanContentLengthIsRequestTimeoutAtItsDeadline() throws Exception {
        GlueEndpoint endpoint = start(RequestLimits.defaults().withBodyTimeout(Duration.ofSeconds(1)));
        Socket socket = open(endpoint);
        send(socket, headers("AWSGlue.GetSession", 1000) + "{\"Id\":\"s1\"}");

        RawResponse response = RawResponse.read(socket);

        response.assertGlueError(408, "RequestTimeoutException");
        assertThat(response.message()).matches("The request body did not arrive within 1s: 11 of 1000 bytes after \\d+ ms");
        assertThat(response.header("Connection")).contains("close");
        assertOneDebugLineWithoutStackTrace("GetSession -> 408");
    }

    @Test
    void bodyCutShortByTheClientIsSerializationException() throws Exception {
        GlueEndpoint endpoint = start(RequestLimits.defaults().withBodyTimeout(Duration.ofMinutes(5)));
        Socket socket = open(endpoint);
        send(socket, headers("AWSGlue.GetSession", 1000) + "{\"Id\":\"s1\"}");
        socket.shutdownOutput();

        RawResponse response = RawResponse.read(socket);

        response.assertGlueError(400, "SerializationException");
        assertThat(response.message()).isEqualTo("The request body ended early: the connection was closed after 11 of 1000 bytes");
        assertOneDebugLineWithoutStackTrace("GetSession -> 400");
    }

    @Test
    void stsBodyThatDoesNotArriveIsAnsweredInStsXml() throws Exception {
        GlueEndpoint endpoint = start(RequestLimits.defaults().withBodyTimeout(Duration.ofSeconds(1)));
        Socket socket = open(endpoint);
        send(socket, "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=Get");

        RawResponse response = RawResponse.read(socket);

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        assertThat(response.body()).contains("<Code>RequestTimeout</Code>", "<Message>The request body did not arrive within 1s: 10 of 100 bytes after ");
    }

    @Test
    void bodiesBeyondTheMemoryBudgetAreThrottled() throws Exception {
        GlueEndpoint endpoint = start(RequestLimits.defaults().withBodyTimeout(Duration.ofMinutes(5)).withMinBodyDataRate(1).withMaxBufferedBodyBytes(64 * 1024));
        Socket holding = open(endpoint);
        send(holding, headers("AWSGlue.ListSessions", 100_000) + "{" + " ".repeat(39_999));
        await("the first body buffered").atMost(ANSWER_DEADLINE).until(() -> endpoint.bufferedBodyBytes() >= 40_000);

        Socket second = open(endpoint);
        send(second, headers("AWSGlue.ListSessions", 50_000) + "{}" + " ".repeat(49_998));
        RawResponse throttled = RawResponse.read(second);

        throttled.assertGlueError(400, "ThrottlingException");
        assertThat(throttled.message()).isEqualTo("Rate exceeded: the request bodies the server holds have reached its limit of 65536 bytes; retry with backoff");
        holding.close();
        await("the budget released").atMost(ANSWER_DEADLINE).until(() -> endpoint.bufferedBodyBytes() == 0);
        Socket third = open(endpoint);
        send(third, headers("AWSGlue.ListSessions", 50_000) + "{}" + " ".repeat(49_998));
        assertThat(RawResponse.read(third).status()).isEqualTo(200);
        await("no bytes left held").atMost(ANSWER_DEADLINE).until(() -> endpoint.bufferedBodyBytes() == 0);
    }

    @Test
    void fullServerAnswersThrottlingException() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        GlueEndpoint endpoint = start(RequestLimits.defaults().withMaxConcurrentRequests(2).withMaxQueuedRequests(0), List.of(
                GlueOperation.withoutContext("GetSession", GetSessionRequest.class, request -> blockUntil(entered, release))));
        try {
            List<CompletableFuture<HttpResponse<String>>> busy = List.of(getSessionAsync(endpoint), getSessionAsync(endpoint));
            assertThat(entered.await(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("both slots taken").isTrue();

            HttpResponse<String> throttled = client.send(getSession(endpoint), HttpResponse.BodyHandlers.ofString());

            assertThat(throttled.statusCode()).isEqualTo(400);
            assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).contains("ThrottlingException");
            assertThat(JSON.readTree(throttled.body())).isEqualTo(JSON.createObjectNode().put("__type", "ThrottlingException").put("Message",
                    "Rate exceeded: 2 requests are being processed, the most at once, and 0 are waiting; retry with backoff"));
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> call : busy) {
                assertThat(call.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void queuedRequestRunsWhenASlotFrees() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GlueEndpoint endpoint = start(RequestLimits.defaults().withMaxConcurrentRequests(1).withMaxQueuedRequests(1).withMaxQueueWait(Duration.ofMinutes(5)), List.of(
                GlueOperation.withoutContext("GetSession", GetSessionRequest.class, request -> blockUntil(entered, release))));
        try {
            CompletableFuture<HttpResponse<String>> running = getSessionAsync(endpoint);
            assertThat(entered.await(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<HttpResponse<String>> queued = getSessionAsync(endpoint);
            await().atMost(ANSWER_DEADLINE).until(() -> endpoint.activeRequests() == 2);

            HttpResponse<String> overflow = client.send(getSession(endpoint), HttpResponse.BodyHandlers.ofString());
            assertThat(overflow.headers().firstValue("x-amzn-ErrorType")).contains("ThrottlingException");
            assertThat(queued).isNotDone();

            release.countDown();
            assertThat(running.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(queued.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void requestWaitingTooLongForASlotIsThrottled() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GlueEndpoint endpoint = start(RequestLimits.defaults().withMaxConcurrentRequests(1).withMaxQueuedRequests(1).withMaxQueueWait(Duration.ofMillis(200)), List.of(
                GlueOperation.withoutContext("GetSession", GetSessionRequest.class, request -> blockUntil(entered, release))));
        try {
            CompletableFuture<HttpResponse<String>> running = getSessionAsync(endpoint);
            assertThat(entered.await(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> expired = client.send(getSession(endpoint), HttpResponse.BodyHandlers.ofString());

            assertThat(expired.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(expired.body())).isEqualTo(JSON.createObjectNode().put("__type", "ThrottlingException")
                    .put("Message", "Rate exceeded: no processing slot became free within 200 ms; retry with backoff"));
            release.countDown();
            assertThat(running.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        finally {
            release.countDown();
        }
    }

    private static GetSessionResponse blockUntil(CountDownLatch entered, CountDownLatch release) {
        entered.countDown();
        try {
            if (!release.await(2, TimeUnit.MINUTES)) {
                throw new AssertionError("the test never released the operation");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new GetSessionResponse(null);
    }

    private GlueEndpoint start(RequestLimits limits) {
        return start(limits, SessionOperations.all(sessions, ConnectionReferences.NONE));
    }

    private GlueEndpoint start(RequestLimits limits, List<GlueOperation<?, ?>> operations) {
        GlueEndpoint endpoint = GlueEndpoint.start(ServerConfig.defaults().withPort(0).withRequestLimits(limits), operations);
        endpoints.add(endpoint);
        return endpoint;
    }

    private CompletableFuture<HttpResponse<String>> getSessionAsync(GlueEndpoint endpoint) {
        return client.sendAsync(getSession(endpoint), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest getSession(GlueEndpoint endpoint) {
        return HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("X-Amz-Target", "AWSGlue.GetSession")
                .header("Content-Type", "application/x-amz-json-1.1")
                .timeout(ANSWER_DEADLINE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"s1\"}"))
                .build();
    }

    private Socket open(GlueEndpoint endpoint) throws IOException {
        Socket socket = new Socket("127.0.0.1", endpoint.port());
        socket.setSoTimeout((int) ANSWER_DEADLINE.toMillis());
        sockets.add(socket);
        return socket;
    }

    private static String headers(String target, int contentLength) {
        return "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: " + target + "\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: " + contentLength + "\r\nConnection: close\r\n\r\n";
    }

    private static void send(Socket socket, String text) {
        try {
            OutputStream output = socket.getOutputStream();
            output.write(text.getBytes(UTF_8));
            output.flush();
        }
        catch (IOException e) {
            // The server closed the connection; a trickler stops there.
            if (!socket.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void assertOneDebugLineWithoutStackTrace(String prefix) {
        await().atMost(ANSWER_DEADLINE).until(() -> logs.list.stream().anyMatch(event -> event.getFormattedMessage().startsWith(prefix)));
        List<ILoggingEvent> events = List.copyOf(logs.list);
        assertThat(events).noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(events).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(events).filteredOn(event -> event.getLoggerName().equals(GlueRequestHandler.class.getName()))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                    assertThat(event.getFormattedMessage()).startsWith(prefix).doesNotContain("\n");
                });
    }

    /** An HTTP/1.1 response read from a raw socket up to the server's close. */
    private record RawResponse(int status, List<String> headers, String body) {
        static RawResponse read(Socket socket) throws IOException {
            InputStream input = socket.getInputStream();
            String text = new String(input.readAllBytes(), UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a complete response, got: %s", text).isPositive();
            List<String> lines = List.of(text.substring(0, end).split("\r\n"));
            return new RawResponse(Integer.parseInt(lines.get(0).split(" ")[1]), lines.subList(1, lines.size()), text.substring(end + 4));
        }

        Optional<String> header(String name) {
            return headers.stream()
                    .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).trim())
                    .findFirst();
        }

        String message() throws IOException {
            return JSON.readTree(body).get("Message").asText();
        }

        void assertGlueError(int expectedStatus, String type) throws IOException {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(header("x-amzn-ErrorType")).contains(type);
            assertThat(header("Content-Type")).contains("application/x-amz-json-1.1");
            JsonNode json = JSON.readTree(body);
            assertThat(json.get("__type").asText()).isEqualTo(type);
            assertThat(json.fieldNames()).toIterable().containsExactly("__type", "Message");
        }
    }
}
