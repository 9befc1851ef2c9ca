package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.driver.protocol.DriverMessage;
import dev.epoxy.driver.protocol.LinkCodec;
import dev.epoxy.driver.protocol.LinkProtocol;
import dev.epoxy.driver.protocol.ServerMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TestLinkClient {
    private final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    private final CountDownLatch gaveUp = new CountDownLatch(1);
    private final AtomicReference<Optional<Integer>> running = new AtomicReference<>(Optional.empty());

    @Test
    void saysHelloThenExchangesMessages() throws IOException, InterruptedException {
        try (ServerSocket server = listen(); LinkClient client = start(server, Duration.ofMinutes(1))) {
            try (ServerSide connection = ServerSide.accept(server)) {
                DriverMessage.Hello hello = (DriverMessage.Hello) connection.read();
                assertThat(hello.sessionId()).isEqualTo("s1");
                assertThat(hello.token()).isEqualTo("secret");
                assertThat(hello.protocolVersion()).isEqualTo(LinkProtocol.VERSION);
                assertThat(hello.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(hello.runningStatementId()).isNull();
                connection.send(new ServerMessage.Welcome());

                client.send(new DriverMessage.Ready(null, "app"));
                assertThat(connection.read()).isEqualTo(new DriverMessage.Ready(null, "app"));
                connection.send(new ServerMessage.RunStatement(1, "1 + 1"));
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new ServerMessage.RunStatement(1, "1 + 1"));
            }
        }
    }

    @Test
    void reconnectsAfterTheServerDropsTheLinkAndDeliversWhatWasQueued() throws IOException, InterruptedException {
        try (ServerSocket server = listen(); LinkClient client = start(server, Duration.ofMinutes(1))) {
            try (ServerSide first = ServerSide.accept(server)) {
                first.read();
                first.send(new ServerMessage.Welcome());
                // Until the client has taken the Welcome it is not connected yet: waiting for the
                // drop below would end at once, and the message would go into this socket, which
                // is closed by then (the peer's write succeeds locally; the bytes are lost).
                awaitConnected(client, true);
            }
            // A message written before the client sees the drop would go into the dead socket.
            awaitConnected(client, false);
            running.set(Optional.of(7));
            client.send(new DriverMessage.StatementFinished(7, "CANCELLED", null, 1));
            try (ServerSide second = ServerSide.accept(server)) {
                DriverMessage.Hello hello = (DriverMessage.Hello) second.read();
                assertThat(hello.runningStatementId()).isEqualTo(7);
                second.send(new ServerMessage.Welcome());
                assertThat(second.read()).isEqualTo(new DriverMessage.StatementFinished(7, "CANCELLED", null, 1));
                assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
            }
        }
        assertThat(gaveUp.getCount()).isEqualTo(1);
    }

    @Test
    void givesUpWhenNoServerComesBack() throws IOException, InterruptedException {
        ServerSocket server = listen();
        try (LinkClient client = start(server, Duration.ofSeconds(1))) {
            try (ServerSide connection = ServerSide.accept(server)) {
                connection.read();
                connection.send(new ServerMessage.Welcome());
            }
            server.close();
            assertThat(gaveUp.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void exitsAtOnceWhenTheServerRefusesIt() throws IOException, InterruptedException {
        // Ten minutes of patience would otherwise keep an orphaned driver alive after a restart.
        try (ServerSocket server = listen(); LinkClient client = start(server, Duration.ofMinutes(10))) {
            try (ServerSide connection = ServerSide.accept(server)) {
                connection.read();
                connection.send(new ServerMessage.Refused("Session s1: no such session is waiting for a driver"));
                assertThat(gaveUp.await(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void exitsAtOnceWhenItsServerIsGoneAndTheLinkPortWasEphemeral() throws IOException, InterruptedException {
        // Issue 6, finding 8: after kill -9 of the server its drivers waited out the ten-minute
        // give-up time, although with an ephemeral port no new server could ever find them.
        Process fakeServer = new ProcessBuilder("sleep", "600").start();
        try (ServerSocket server = listen();
                LinkClient client = start(settings(server, Duration.ofMinutes(10)).withServerWatch(fakeServer.pid(), true, Duration.ofMinutes(10)))) {
            try (ServerSide connection = ServerSide.accept(server)) {
                connection.read();
                connection.send(new ServerMessage.Welcome());
                fakeServer.destroyForcibly().waitFor();
            }
            assertThat(gaveUp.await(20, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            fakeServer.destroyForcibly();
        }
    }

    @Test
    void staysAttachableOnAFixedPortWhileItsServerIsGoneThenExits() throws IOException, InterruptedException {
        Process fakeServer = new ProcessBuilder("sleep", "600").start();
        ServerSocket first = listen();
        int port = first.getLocalPort();
        try (LinkClient client = start(settings(first, Duration.ofMinutes(10)).withServerWatch(fakeServer.pid(), false, Duration.ofSeconds(3)))) {
            try (ServerSide connection = ServerSide.accept(first)) {
                connection.read();
                connection.send(new ServerMessage.Welcome());
                fakeServer.destroyForcibly().waitFor();
            }
            first.close();
            // A new server on the same port within the window is still reached (the re-attach path).
            try (ServerSocket second = listenOn(port); ServerSide connection = ServerSide.accept(second)) {
                assertThat(connection.read()).isInstanceOf(DriverMessage.Hello.class);
            }
            // Without one, the driver exits once the window has passed, not after ten minutes.
            assertThat(gaveUp.await(30, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            fakeServer.destroyForcibly();
        }
    }

    private static void awaitConnected(LinkClient client, boolean connected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.isConnected() != connected) {
            assertThat(System.nanoTime()).as("client connected = %s in time", connected).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private LinkClient start(ServerSocket server, Duration giveUpAfter) {
        return start(settings(server, giveUpAfter));
    }

    private static DriverSettings settings(ServerSocket server, Duration giveUpAfter) {
        return new DriverSettings("s1", "secret", "127.0.0.1", server.getLocalPort(), "python3", "", 1024,
                giveUpAfter, Duration.ofSeconds(10), "WARN", InterpreterLanguage.PYTHON, Duration.ofSeconds(10), 1024, 1024, OptionalLong.empty(), false, Duration.ofSeconds(15));
    }

    private LinkClient start(DriverSettings settings) {
        LinkClient client = new LinkClient(settings, running::get, received::add, gaveUp::countDown);
        client.start();
        return client;
    }

    private static ServerSocket listenOn(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5);
        server.setSoTimeout(10_000);
        return server;
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
        return server;
    }

    private record ServerSide(Socket socket, InputStream in) implements AutoCloseable {
        static ServerSide accept(ServerSocket server) throws IOException {
            Socket socket = server.accept();
            socket.setSoTimeout(10_000);
            return new ServerSide(socket, new BufferedInputStream(socket.getInputStream()));
        }

        DriverMessage read() throws IOException {
            return LinkCodec.decodeDriverMessage(LinkCodec.readLine(in, LinkCodec.MAX_LINE_BYTES).orElseThrow());
        }

        void send(ServerMessage message) throws IOException {
            socket.getOutputStream().write(LinkCodec.encode(message).getBytes(UTF_8));
            socket.getOutputStream().flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
