package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.driver.protocol.DriverMessage;
import dev.epoxy.driver.protocol.LinkCodec;
import dev.epoxy.driver.protocol.LinkProtocol;
import dev.epoxy.driver.protocol.LinkProtocolException;
import dev.epoxy.driver.protocol.ServerMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's end of the driver link: a TCP listener that drivers connect to. A connection must open
 * with {@link DriverMessage.Hello} carrying the token registered for its session (compared in
 * constant time); anything else is logged and closed. An unknown session and a wrong token get the
 * same refusal, so the link does not tell a stranger which sessions exist. After that, the session's
 * {@link LinkEndpoint} receives every message.
 *
 * <p>The accept path is bounded: at most {@code maxPendingHandshakes} connections may be in their
 * handshake at once (more are closed at once), on a pool of that many threads, and each must finish
 * its Hello within {@code handshakeDeadline} in total, however slowly it trickles. Only authenticated
 * connections get a reader thread of their own; there is at most one per registered session (a
 * driver that connects again replaces its earlier connection).
 */
public final class DriverLinkServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverLinkServer.class);
    static final int MAX_PENDING_HANDSHAKES = 16;
    static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(10);
    /** The refusal for an unknown session and for a wrong token alike. */
    static final String REFUSAL = "No session with this id and token is waiting for a driver";
    private static final byte[] NO_TOKEN = new byte[43];

    private final ServerSocket listener;
    private final int maxPendingHandshakes;
    private final Duration handshakeDeadline;
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final Map<Socket, Boolean> openSockets = new ConcurrentHashMap<>();
    private final AtomicInteger pendingHandshakes = new AtomicInteger();
    private final ExecutorService handshakes;
    private final ExecutorService readers;
    private final ScheduledExecutorService deadlines;
    private volatile boolean closed;

    private record Registration(byte[] token, LinkEndpoint endpoint) {}

    private DriverLinkServer(ServerSocket listener, int maxPendingHandshakes, Duration handshakeDeadline) {
        this.listener = listener;
        this.maxPendingHandshakes = maxPendingHandshakes;
        this.handshakeDeadline = handshakeDeadline;
        this.handshakes = new ThreadPoolExecutor(maxPendingHandshakes, maxPendingHandshakes, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads("driver-link-handshake"));
        ((ThreadPoolExecutor) handshakes).allowCoreThreadTimeOut(true);
        this.readers = Executors.newCachedThreadPool(daemonThreads("driver-link-reader"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemonThreads("driver-link-deadline"));
    }

    /**
     * Listens on {@code bindAddress:port} ({@code port} 0 picks a free port).
     *
     * @throws EpoxyException {@code INTERNAL} when the port cannot be bound, naming address and port
     */
    public static DriverLinkServer start(String bindAddress, int port) {
        return start(bindAddress, port, MAX_PENDING_HANDSHAKES, HANDSHAKE_DEADLINE);
    }

    static DriverLinkServer start(String bindAddress, int port, int maxPendingHandshakes, Duration handshakeDeadline) {
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 64);
        }
        catch (IOException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot listen for session drivers on %s:%s (epoxy.link.bind-address, epoxy.link.port): %s", bindAddress, port, e.getMessage());
        }
        DriverLinkServer server = new DriverLinkServer(listener, maxPendingHandshakes, handshakeDeadline);
        Thread acceptor = new Thread(server::acceptLoop, "driver-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Driver link listening on {}", server.address());
        return server;
    }

    /** Connections accepted whose handshake has not ended yet. */
    int pendingHandshakes() {
        return pendingHandshakes.get();
    }

    /** The port drivers connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code host:port} for drivers: the bind address, or loopback when bound to all addresses. */
    public String address() {
        InetAddress bound = listener.getInetAddress();
        String host = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : bound.getHostAddress();
        return host + ":" + port();
    }

    void register(String sessionId, String token, LinkEndpoint endpoint) {
        registrations.put(sessionId, new Registration(token.getBytes(UTF_8), endpoint));
    }

    void unregister(String sessionId, LinkEndpoint endpoint) {
        registrations.computeIfPresent(sessionId, (id, registration) -> registration.endpoint() == endpoint ? null : registration);
    }

    @Override
    public void close() {
        closed = true;
        handshakes.shutdownNow();
        readers.shutdownNow();
        deadlines.shutdownNow();
        try {
            listener.close();
        }
        catch (IOException e) {
            LOG.debug("Cannot close the driver link listener", e);
        }
        for (Socket socket : openSockets.keySet()) {
            try {
                socket.close();
            }
            catch (IOException e) {
                LOG.debug("Cannot close a driver connection", e);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            }
            catch (IOException e) {
                if (!closed) {
                    LOG.error("Driver link listener failed; drivers cannot connect", e);
                }
                return;
            }
            if (pendingHandshakes.incrementAndGet() > maxPendingHandshakes) {
                pendingHandshakes.decrementAndGet();
                LOG.debug("Closed a connection from {}: {} connections are already in their handshake", socket.getRemoteSocketAddress(), maxPendingHandshakes);
                closeQuietly(socket);
                continue;
            }
            try {
                handshakes.execute(() -> handshake(socket));
            }
            catch (RejectedExecutionException e) {
                pendingHandshakes.decrementAndGet();
                closeQuietly(socket);
            }
        }
    }

    private void handshake(Socket socket) {
        openSockets.put(socket, Boolean.TRUE);
        // However slowly the Hello trickles in, the connection is closed when its time is up.
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(socket), handshakeDeadline.toMillis(), TimeUnit.MILLISECONDS);
        boolean handedOver = false;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) handshakeDeadline.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Optional<DriverMessage.Hello> hello = readHello(socket, in);
            if (hello.isEmpty()) {
                return;
            }
            Registration registration = registrations.get(hello.get().sessionId());
            byte[] presented = hello.get().token().getBytes(UTF_8);
            // Compare against something even when the session is unknown: same work, same answer.
            boolean tokenMatches = MessageDigest.isEqual(registration == null ? NO_TOKEN : registration.token(), presented);
            if (registration == null || !tokenMatches) {
                LOG.warn("Refused a driver connection from {} for session {}: {}", socket.getRemoteSocketAddress(), hello.get().sessionId(),
                        registration == null ? "no such session is waiting for a driver" : "wrong token");
                new DriverConnection(socket).send(new ServerMessage.Refused(REFUSAL));
                return;
            }
            if (hello.get().protocolVersion() != LinkProtocol.VERSION) {
                LOG.warn("Refused the driver of session {}: it speaks link protocol {}, this server {}", hello.get().sessionId(), hello.get().protocolVersion(), LinkProtocol.VERSION);
                new DriverConnection(socket).send(new ServerMessage.Refused("The server speaks link protocol " + LinkProtocol.VERSION));
                return;
            }
            if (!deadline.cancel(false)) {
                // The deadline closed the socket already.
                return;
            }
            socket.setSoTimeout(0);
            DriverConnection connection = new DriverConnection(socket);
            if (!connection.send(new ServerMessage.Welcome())) {
                return;
            }
            LinkEndpoint endpoint = registration.endpoint();
            endpoint.connected(connection, hello.get());
            readers.execute(() -> serve(socket, in, connection, endpoint));
            handedOver = true;
        }
        catch (SocketException e) {
            LOG.debug("Driver connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
        }
        catch (IOException | LinkProtocolException e) {
            LOG.warn("Driver connection from {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
        }
        catch (RejectedExecutionException e) {
            LOG.debug("Driver link is closing; dropped a connection from {}", socket.getRemoteSocketAddress());
        }
        catch (RuntimeException e) {
            LOG.error("Driver connection from {} failed", socket.getRemoteSocketAddress(), e);
        }
        finally {
            pendingHandshakes.decrementAndGet();
            deadline.cancel(false);
            if (!handedOver) {
                openSockets.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, InputStream in, DriverConnection connection, LinkEndpoint endpoint) {
        try {
            while (true) {
                Optional<String> line = LinkCodec.readLine(in, LinkCodec.MAX_LINE_BYTES);
                if (line.isEmpty()) {
                    break;
                }
                endpoint.received(connection, LinkCodec.decodeDriverMessage(line.get()));
            }
        }
        catch (SocketException e) {
            LOG.debug("Driver connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
        }
        catch (IOException | LinkProtocolException e) {
            LOG.warn("Driver connection from {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
        }
        catch (RuntimeException e) {
            LOG.error("Driver connection from {} failed", socket.getRemoteSocketAddress(), e);
        }
        finally {
            openSockets.remove(socket);
            closeQuietly(socket);
            endpoint.disconnected(connection);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException e) {
            LOG.debug("Cannot close a driver connection", e);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Optional<DriverMessage.Hello> readHello(Socket socket, InputStream in) throws IOException {
        Optional<String> line;
        try {
            line = LinkCodec.readLine(in, LinkCodec.MAX_HELLO_LINE_BYTES);
        }
        catch (LinkProtocolException e) {
            LOG.warn("Refused a driver connection from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
            return Optional.empty();
        }
        if (line.isEmpty()) {
            return Optional.empty();
        }
        DriverMessage first;
        try {
            first = LinkCodec.decodeDriverMessage(line.get());
        }
        catch (LinkProtocolException e) {
            LOG.warn("Refused a driver connection from {}: it did not start with hello", socket.getRemoteSocketAddress());
            return Optional.empty();
        }
        if (!(first instanceof DriverMessage.Hello hello) || hello.sessionId() == null || hello.token() == null) {
            LOG.warn("Refused a driver connection from {}: it did not start with hello", socket.getRemoteSocketAddress());
            return Optional.empty();
        }
        return Optional.of(requireNonNull(hello));
    }
}
