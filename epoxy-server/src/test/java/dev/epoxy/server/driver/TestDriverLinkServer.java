package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.driver.protocol.DriverMessage;
import dev.epoxy.driver.protocol.LinkCodec;
import dev.epoxy.driver.protocol.LinkProtocol;
import dev.epoxy.driver.protocol.ServerMessage;
import dev.epoxy.server.launch.ProcessSupervisor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestDriverLinkServer {
    private static final String TOKEN = "the-right-token";

    private static final String REFUSAL = "No session with this id and token is waiting for a driver";

    private DriverLinkServer server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final ProcessSupervisor timers = new ProcessSupervisor("test-driver-supervisor");
    private SparkDriverHandle handle;

    @BeforeEach
    void setUp() {
        server = DriverLinkServer.start("127.0.0.1", 0);
        handle = newHandle();
        server.register("s1", TOKEN, handle);
    }

    @AfterEach
    void tearDown() {
        server.close();
        timers.close();
    }

    @Test
    void driverWithTheRightTokenIsWelcomedAndItsMessagesReachTheListener() throws IOException, InterruptedException {
        try (FakeDriver driver = FakeDriver.connect(server, "s1", TOKEN)) {
            assertThat(driver.read()).contains(new ServerMessage.Welcome());
            driver.send(new DriverMessage.Ready("http://127.0.0.1:4040", "app-1"));
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("ready s1");
            assertThat(handle.dashboardUrl()).contains("http://127.0.0.1:4040");
            driver.send(new DriverMessage.StatementProgress(1, 0.5));
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("progress 1 0.5");
            driver.send(new DriverMessage.StatementFinished(1, "AVAILABLE", new DriverMessage.Output("ok", 1, "42", null, null, List.of()), 10));
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("completed 1 AVAILABLE " + StatementOutput.ok(1, "42"));

            handle.runStatement(2, "1 + 1");
            assertThat(driver.read()).contains(new ServerMessage.RunStatement(2, "1 + 1"));
        }
    }

    @Test
    void errorOutputKeepsNameValueTracebackAndPrintedText() throws IOException, InterruptedException {
        try (FakeDriver driver = FakeDriver.connect(server, "s1", TOKEN)) {
            assertThat(driver.read()).contains(new ServerMessage.Welcome());
            driver.send(new DriverMessage.StatementFinished(3, "AVAILABLE",
                    new DriverMessage.Output("error", 3, "printed", "ZeroDivisionError", "division by zero", List.of("Traceback\n")), 10));
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("completed 3 AVAILABLE " + new StatementOutput(
                    OutputStatus.ERROR, 3, Optional.of("printed"), Optional.of("ZeroDivisionError"), Optional.of("division by zero"), List.of("Traceback\n")));
        }
    }

    @Test
    void wrongTokenIsRefusedWithoutWelcome() throws IOException, InterruptedException {
        try (FakeDriver driver = FakeDriver.connect(server, "s1", "the-wrong-token")) {
            assertThat(driver.read()).contains(new ServerMessage.Refused(REFUSAL));
            assertThat(driver.read()).isEmpty();
        }
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void unknownSessionIsRefusedWithoutWelcome() throws IOException {
        try (FakeDriver driver = FakeDriver.connect(server, "no-such-session", TOKEN)) {
            assertThat(driver.read()).contains(new ServerMessage.Refused(REFUSAL));
            assertThat(driver.read()).isEmpty();
        }
    }

    @Test
    void refusalDoesNotTellAnUnknownSessionFromAWrongToken() throws IOException {
        // Issue 6, finding 11: the answers differed, so probing revealed which session ids exist.
        Optional<ServerMessage> existingSessionWrongToken;
        Optional<ServerMessage> unknownSession;
        try (FakeDriver driver = FakeDriver.connect(server, "s1", "guess")) {
            existingSessionWrongToken = driver.read();
        }
        try (FakeDriver driver = FakeDriver.connect(server, "s2", "guess")) {
            unknownSession = driver.read();
        }
        assertThat(existingSessionWrongToken).contains(new ServerMessage.Refused(REFUSAL));
        assertThat(unknownSession).isEqualTo(existingSessionWrongToken);
    }

    @Test
    void connectionsBeyondTheHandshakeCapAreClosedAtOnceAndDriversStillGetIn() throws IOException {
        // Issue 6, finding 11: every connection got a thread of its own, with no cap.
        DriverLinkServer capped = DriverLinkServer.start("127.0.0.1", 0, 2, Duration.ofMinutes(1));
        capped.register("s1", TOKEN, newHandle());
        try (Socket idle1 = new Socket("127.0.0.1", capped.port()); Socket idle2 = new Socket("127.0.0.1", capped.port())) {
            awaitTrue(() -> capped.pendingHandshakes() == 2, Duration.ofSeconds(10), "capped.pendingHandshakes() == 2");
            try (Socket third = new Socket("127.0.0.1", capped.port())) {
                third.setSoTimeout(10_000);
                // Closed without a word, long before the one-minute handshake deadline.
                assertThat(third.getInputStream().read()).isEqualTo(-1);
            }
        }
        awaitTrue(() -> capped.pendingHandshakes() == 0, Duration.ofSeconds(10), "capped.pendingHandshakes() == 0");
        try (FakeDriver driver = FakeDriver.connect(capped, "s1", TOKEN)) {
            assertThat(driver.read()).contains(new ServerMessage.Welcome());
        }
        finally {
            capped.close();
        }
    }

    @Test
    void handshakeThatTricklesIsClosedAtItsDeadline() throws IOException {
        // One byte every 100 ms never trips a per-read timeout; the handshake deadline still applies.
        DriverLinkServer strict = DriverLinkServer.start("127.0.0.1", 0, 4, Duration.ofSeconds(1));
        AtomicBoolean closedByServer = new AtomicBoolean();
        try (Socket slow = new Socket("127.0.0.1", strict.port())) {
            Thread trickler = new Thread(() -> {
                try {
                    OutputStream out = slow.getOutputStream();
                    out.write("{\"type\":\"hello\",\"sessionId\":\"".getBytes(UTF_8));
                    for (int i = 0; i < 300; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(100);
                    }
                }
                catch (IOException e) {
                    closedByServer.set(true);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            trickler.setDaemon(true);
            trickler.start();
            slow.setSoTimeout(20_000);
            assertThat(readUntilClosed(slow.getInputStream())).isTrue();
            trickler.interrupt();
        }
        finally {
            strict.close();
        }
        awaitTrue(() -> strict.pendingHandshakes() == 0, Duration.ofSeconds(5), "strict.pendingHandshakes() == 0");
    }

    private static boolean readUntilClosed(InputStream in) {
        try {
            return in.read() == -1;
        }
        catch (java.net.SocketException e) {
            // connection reset: closed too
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private SparkDriverHandle newHandle() {
        return new SparkDriverHandle(new SessionId("s1"), new EventRecorder(), Duration.ofSeconds(1), Path.of("driver.log"), timers, () -> {});
    }

    @Test
    void connectionThatDoesNotStartWithHelloIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("{\"type\":\"ready\"}\n".getBytes(UTF_8));
            assertThat(LinkCodec.readLine(new BufferedInputStream(socket.getInputStream()), 1024)).isEmpty();
        }
    }

    @Test
    void commandsSentWhileTheDriverIsAwayArriveWhenItReconnects() throws IOException {
        try (FakeDriver first = FakeDriver.connect(server, "s1", TOKEN)) {
            assertThat(first.read()).contains(new ServerMessage.Welcome());
            // Welcome goes out just before the handle takes the connection; wait for that, or the
            // commands below could be flushed into this connection after the driver closed it.
            awaitConnection(true);
        }
        awaitConnection(false);
        handle.runStatement(4, "print(4)");
        handle.cancelStatement(4);
        try (FakeDriver second = FakeDriver.connect(server, "s1", TOKEN)) {
            assertThat(second.read()).contains(new ServerMessage.Welcome());
            assertThat(second.read()).contains(new ServerMessage.RunStatement(4, "print(4)"));
            assertThat(second.read()).contains(new ServerMessage.CancelStatement(4));
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", description, timeout).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private void awaitConnection(boolean connected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (handle.isConnected() != connected) {
            assertThat(System.nanoTime()).as("the handle saw the connection %s in time", connected ? "arrive" : "close").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private final class EventRecorder implements DriverListener {
        @Override
        public void driverReady(SessionId sessionId) {
            events.add("ready " + sessionId);
        }

        @Override
        public void statementStarted(SessionId sessionId, int statementId, Instant startedOn) {
            events.add("started " + statementId);
        }

        @Override
        public void statementProgress(SessionId sessionId, int statementId, double progress) {
            events.add("progress " + statementId + " " + progress);
        }

        @Override
        public void statementCompleted(SessionId sessionId, int statementId, StatementState state, Optional<StatementOutput> output, Instant completedOn) {
            events.add("completed " + statementId + " " + state + " " + output.map(String::valueOf).orElse("-"));
        }

        @Override
        public void driverStopped(SessionId sessionId) {
            events.add("stopped");
        }

        @Override
        public void driverFailed(SessionId sessionId, String reason) {
            events.add("failed " + reason);
        }
    }

    /** The driver's side of the link, written by hand. */
    private static final class FakeDriver implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private FakeDriver(Socket socket) throws IOException {
            this.socket = socket;
            this.socket.setSoTimeout(5000);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static FakeDriver connect(DriverLinkServer server, String sessionId, String token) throws IOException {
            FakeDriver driver = new FakeDriver(new Socket("127.0.0.1", server.port()));
            driver.send(new DriverMessage.Hello(LinkProtocol.VERSION, sessionId, token, 1, null));
            return driver;
        }

        void send(DriverMessage message) throws IOException {
            out.write(LinkCodec.encode(message).getBytes(UTF_8));
            out.flush();
        }

        Optional<ServerMessage> read() throws IOException {
            try {
                return LinkCodec.readLine(in, LinkCodec.MAX_LINE_BYTES).map(LinkCodec::decodeServerMessage);
            }
            catch (java.net.SocketException e) {
                return Optional.empty();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
