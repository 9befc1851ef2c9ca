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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's end of the driver link: a TCP listener that drivers connect to. A connection must open
 * with {@link DriverMessage.Hello} carrying the token registered for its session (compared in
 * constant time); anything else is logged and closed. After that, the session's {@link LinkEndpoint}
 * receives every message. One thread per connection.
 */
public final class DriverLinkServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverLinkServer.class);
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

    private final ServerSocket listener;
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final Map<Socket, Boolean> openSockets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Registration(byte[] token, LinkEndpoint endpoint) {}

    private DriverLinkServer(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * Listens on {@code bindAddress:port} ({@code port} 0 picks a free port).
     *
     * @throws EpoxyException {@code INTERNAL} when the port cannot be bound, naming address and port
     */
    public static DriverLinkServer start(String bindAddress, int port) {
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 64);
        }
        catch (IOException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot listen for session drivers on %s:%s (epoxy.link.bind-address, epoxy.link.port): %s", bindAddress, port, e.getMessage());
        }
        DriverLinkServer server = new DriverLinkServer(listener);
        Thread acceptor = new Thread(server::acceptLoop, "driver-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Driver link listening on {}", server.address());
        return server;
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
            try {
                Socket socket = listener.accept();
                Thread thread = new Thread(() -> serve(socket), "driver-link-" + socket.getPort());
                thread.setDaemon(true);
                thread.start();
            }
            catch (IOException e) {
                if (!closed) {
                    LOG.error("Driver link listener failed; drivers cannot connect", e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        openSockets.put(socket, Boolean.TRUE);
        DriverConnection connection = null;
        LinkEndpoint endpoint = null;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) HELLO_TIMEOUT.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Optional<DriverMessage.Hello> hello = readHello(socket, in);
            if (hello.isEmpty()) {
                return;
            }
            Registration registration = registrations.get(hello.get().sessionId());
            if (registration == null || !MessageDigest.isEqual(registration.token(), hello.get().token().getBytes(UTF_8))) {
                String reason = registration == null ? "no such session is waiting for a driver" : "wrong token";
                LOG.warn("Refused a driver connection from {} for session {}: {}", socket.getRemoteSocketAddress(), hello.get().sessionId(), reason);
                new DriverConnection(socket).send(new ServerMessage.Refused("Session " + hello.get().sessionId() + ": " + reason));
                return;
            }
            if (hello.get().protocolVersion() != LinkProtocol.VERSION) {
                LOG.warn("Refused the driver of session {}: it speaks link protocol {}, this server {}", hello.get().sessionId(), hello.get().protocolVersion(), LinkProtocol.VERSION);
                new DriverConnection(socket).send(new ServerMessage.Refused("The server speaks link protocol " + LinkProtocol.VERSION));
                return;
            }
            socket.setSoTimeout(0);
            connection = new DriverConnection(socket);
            endpoint = registration.endpoint();
            if (!connection.send(new ServerMessage.Welcome())) {
                return;
            }
            endpoint.connected(connection, hello.get());
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
            try {
                socket.close();
            }
            catch (IOException e) {
                LOG.debug("Cannot close a driver connection", e);
            }
            if (endpoint != null) {
                endpoint.disconnected(connection);
            }
        }
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
