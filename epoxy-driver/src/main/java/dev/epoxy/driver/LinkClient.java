package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.DriverMessage;
import dev.epoxy.driver.protocol.LinkCodec;
import dev.epoxy.driver.protocol.LinkProtocol;
import dev.epoxy.driver.protocol.LinkProtocolException;
import dev.epoxy.driver.protocol.ServerMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's end of the link. Connects to the server, says Hello, waits for Welcome, then delivers
 * server messages to a handler. When the connection drops it reconnects with backoff, keeping
 * outgoing messages queued, and gives up when no server can want it any more:
 *
 * <ul>
 *   <li>at once when a server refuses it ({@link ServerMessage.Refused} is final);
 *   <li>at once when the server's process (watched by pid) is gone and the link port was ephemeral:
 *       a new server listens elsewhere and can never find this driver;
 *   <li>{@code linkReattachWindow} after the server's process is gone, on a fixed port: time for a
 *       new server to come up there and take the driver back (or refuse it);
 *   <li>{@code linkGiveUpAfter} without a link while the server's process still runs, or when it
 *       cannot be watched.
 * </ul>
 */
final class LinkClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DriverSettings settings;
    private final Supplier<Optional<Integer>> runningStatement;
    private final Consumer<ServerMessage> handler;
    private final Runnable onGiveUp;
    private final Deque<String> outgoing = new ArrayDeque<>();
    private final Optional<ProcessHandle> server;
    private boolean serverGoneNoticed;
    private long serverGoneSince;
    private Socket connection;
    private boolean writing;
    private boolean closed;

    LinkClient(DriverSettings settings, Supplier<Optional<Integer>> runningStatement, Consumer<ServerMessage> handler, Runnable onGiveUp) {
        this.settings = requireNonNull(settings, "settings is null");
        this.runningStatement = requireNonNull(runningStatement, "runningStatement is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.onGiveUp = requireNonNull(onGiveUp, "onGiveUp is null");
        // Taken now, while the server that launched this driver runs: the handle then knows the
        // process's start time, so a later process with the same pid is not mistaken for it.
        this.server = settings.serverPid().isPresent() ? ProcessHandle.of(settings.serverPid().getAsLong()) : Optional.empty();
    }

    void start() {
        Thread reader = new Thread(this::connectAndRead, "epoxy-link-reader");
        reader.setDaemon(true);
        reader.start();
        Thread writer = new Thread(this::writeLoop, "epoxy-link-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a message; it is written as soon as the link is up. */
    void send(DriverMessage message) {
        String line = LinkCodec.encode(message);
        synchronized (this) {
            outgoing.addLast(line);
            notifyAll();
        }
    }

    /** Waits until every queued message has been written, or the timeout passed. */
    synchronized boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!outgoing.isEmpty() || writing) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }

    /** Whether a connection to the server is up (welcomed and not yet seen to drop). */
    synchronized boolean isConnected() {
        return connection != null;
    }

    @Override
    public void close() {
        Socket socket;
        synchronized (this) {
            closed = true;
            socket = connection;
            connection = null;
            notifyAll();
        }
        closeQuietly(socket);
    }

    private void connectAndRead() {
        long disconnectedSince = System.nanoTime();
        Duration backoff = MIN_BACKOFF;
        while (!isClosed()) {
            Socket socket = new Socket();
            boolean welcomed = false;
            try {
                socket.connect(new InetSocketAddress(settings.linkHost(), settings.linkPort()), (int) CONNECT_TIMEOUT.toMillis());
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                DriverMessage.Hello hello = new DriverMessage.Hello(
                        LinkProtocol.VERSION, settings.sessionId(), settings.token(), ProcessHandle.current().pid(), runningStatement.get().orElse(null));
                out.write(LinkCodec.encode(hello).getBytes(UTF_8));
                out.flush();
                ServerMessage first = LinkCodec.decodeServerMessage(
                        LinkCodec.readLine(in, LinkCodec.MAX_LINE_BYTES).orElseThrow(() -> new IOException("the server closed the link after Hello")));
                if (first instanceof ServerMessage.Refused refused) {
                    // e.g. the server restarted and this session is over: reconnecting cannot help.
                    LOG.error("The server refused this driver: {}; exiting", refused.reason());
                    closeQuietly(socket);
                    onGiveUp.run();
                    return;
                }
                if (!(first instanceof ServerMessage.Welcome)) {
                    throw new LinkProtocolException("Expected welcome, got " + first);
                }
                welcomed = true;
                LOG.info("Link to the server {}:{} is up", settings.linkHost(), settings.linkPort());
                synchronized (this) {
                    connection = socket;
                    notifyAll();
                }
                backoff = MIN_BACKOFF;
                while (true) {
                    Optional<String> line = LinkCodec.readLine(in, LinkCodec.MAX_LINE_BYTES);
                    if (line.isEmpty()) {
                        break;
                    }
                    handler.accept(LinkCodec.decodeServerMessage(line.get()));
                }
                LOG.warn("The server closed the link; reconnecting");
            }
            catch (IOException | LinkProtocolException e) {
                if (!isClosed()) {
                    LOG.warn("Link to the server {}:{} is down: {}", settings.linkHost(), settings.linkPort(), e.getMessage());
                }
            }
            synchronized (this) {
                if (connection == socket) {
                    connection = null;
                }
            }
            closeQuietly(socket);
            if (welcomed) {
                disconnectedSince = System.nanoTime();
            }
            if (isClosed()) {
                return;
            }
            Optional<String> giveUp = reasonToGiveUp(disconnectedSince);
            if (giveUp.isPresent()) {
                LOG.error("{}; exiting", giveUp.get());
                onGiveUp.run();
                return;
            }
            try {
                // While the server is gone, look at it (and the port) at least every second.
                Thread.sleep(serverGoneNoticed ? Math.min(backoff.toMillis(), 1000) : backoff.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Why this driver should stop trying to reach a server, or empty to try again. */
    private Optional<String> reasonToGiveUp(long disconnectedSince) {
        long now = System.nanoTime();
        if (isServerGone()) {
            long pid = settings.serverPid().getAsLong();
            if (!serverGoneNoticed) {
                serverGoneNoticed = true;
                serverGoneSince = now;
                LOG.warn("The server process {} is gone", pid);
            }
            if (settings.linkPortEphemeral()) {
                return Optional.of("The server process " + pid + " is gone and its link port was picked at random: no new server can find this driver");
            }
            if (now - serverGoneSince > settings.linkReattachWindow().toNanos()) {
                return Optional.of("The server process " + pid + " is gone and no new server took this driver back within "
                        + settings.linkReattachWindow().toSeconds() + " seconds (" + DriverSettings.LINK_REATTACH_WINDOW + ")");
            }
            return Optional.empty();
        }
        if (now - disconnectedSince > settings.linkGiveUpAfter().toNanos()) {
            return Optional.of("No server for " + settings.linkGiveUpAfter().toSeconds() + " seconds (" + DriverSettings.LINK_GIVE_UP_AFTER + ")");
        }
        return Optional.empty();
    }

    private boolean isServerGone() {
        return settings.serverPid().isPresent() && (server.isEmpty() || !server.get().isAlive());
    }

    private void writeLoop() {
        while (true) {
            String line;
            Socket socket;
            synchronized (this) {
                while (!closed && (outgoing.isEmpty() || connection == null)) {
                    try {
                        wait();
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                line = outgoing.peekFirst();
                socket = connection;
                writing = true;
            }
            boolean written = false;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(line.getBytes(UTF_8));
                out.flush();
                written = true;
            }
            catch (IOException e) {
                LOG.warn("Cannot write to the link: {}", e.getMessage());
                closeQuietly(socket);
            }
            synchronized (this) {
                writing = false;
                if (written) {
                    outgoing.pollFirst();
                }
                else if (connection == socket) {
                    connection = null;
                }
                notifyAll();
            }
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        }
        catch (IOException e) {
            LOG.debug("Cannot close the link socket", e);
        }
    }
}
