package dev.epoxy.server.http;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.config.RequestLimits;
import dev.epoxy.server.config.ServerConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener serving the Glue JSON 1.1 API and STS GetCallerIdentity: one Jetty connector on
 * {@link ServerConfig#bindAddress()} and {@link ServerConfig#port()} (0 picks a free port).
 *
 * <p>Its {@link RequestLimits} keep slow and numerous clients from starving the others: request bodies
 * are read without a thread, must arrive within a deadline and at a minimum rate (Jetty's
 * {@link MinimumDataRateHandler}), and only requests whose bodies have arrived compete for the bounded
 * processing slots of the {@link RequestThrottle}, beyond which clients get {@code ThrottlingException}.
 */
public final class GlueEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GlueEndpoint.class);

    private final Server server;
    private final ServerConnector connector;
    private final ServerConfig config;
    // Set once by serve(); the port is bound before, so that drivers can be told the URL.
    private volatile MinimumDataRateHandler dataRate;
    private volatile GlueRequestHandler glue;

    private GlueEndpoint(ServerConfig config) {
        this.config = requireNonNull(config, "config is null");
        RequestLimits limits = config.requestLimits();
        // Threads for the processing slots, plus headroom for the acceptor, the selectors and the short
        // non-blocking tasks (reading bodies, writing answers) that must never wait behind a slot.
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxConcurrentRequests() + 32, 4);
        threads.setName("epoxy-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
    }

    /**
     * Binds the endpoint's port without serving yet, so that its {@link #uri()} is known (with port 0
     * too) before the parts that need it exist: session drivers are launched with the Glue endpoint URL.
     * Connections made before {@link #serve} wait in the listen backlog.
     *
     * @throws EpoxyException {@code INTERNAL} when the port cannot be bound
     */
    public static GlueEndpoint bind(ServerConfig config) {
        GlueEndpoint endpoint = new GlueEndpoint(config);
        try {
            endpoint.connector.open();
        }
        catch (Exception e) {
            endpoint.close();
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot start the Glue endpoint on %s:%s: %s", config.bindAddress(), config.port(), e.getMessage());
        }
        return endpoint;
    }

    /**
     * Starts the endpoint with the given operations (each must be in the bundled service model); later
     * areas (catalog, jobs) add theirs to the list.
     *
     * @throws EpoxyException {@code INTERNAL} when the port cannot be bound
     */
    public static GlueEndpoint start(ServerConfig config, List<GlueOperation<?, ?>> operations) {
        GlueEndpoint endpoint = bind(config);
        endpoint.serve(operations);
        return endpoint;
    }

    /**
     * Serves the given operations (each must be in the bundled service model) on the bound port. Called once.
     *
     * @throws EpoxyException {@code INTERNAL} when the endpoint cannot start
     */
    public synchronized void serve(List<GlueOperation<?, ?>> operations) {
        if (glue != null) {
            throw new IllegalStateException("The Glue endpoint serves already");
        }
        RequestLimits limits = config.requestLimits();
        HostGuard hostGuard = new HostGuard(config);
        glue = new GlueRequestHandler(new ArrayList<>(operations), ServiceModel.glue(), hostGuard, new StsCallerIdentity(config.accountId()), limits,
                config.accountId(), config.region());
        // Minimum write rate 0: answers are written asynchronously, and the idle timeout closes a client that stops reading.
        dataRate = new MinimumDataRateHandler(glue, limits.minBodyDataRate(), 0);
        server.setHandler(dataRate);
        try {
            server.start();
        }
        catch (Exception e) {
            close();
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot start the Glue endpoint on %s:%s: %s", config.bindAddress(), config.port(), e.getMessage());
        }
        LOG.info("Glue endpoint listening on {}", uri());
    }

    /** The bound port (the chosen one when the configured port is 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Requests being handled: reading their bodies, waiting for a slot or processing (for tests). */
    int activeRequests() {
        return dataRate.getRequestsActive();
    }

    /** Bytes the request bodies in memory hold now (for tests). */
    long bufferedBodyBytes() {
        return glue.bufferedBodyBytes();
    }

    /** The endpoint URL for clients, e.g. {@code http://127.0.0.1:9911}. */
    public URI uri() {
        String host = config.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /**
     * Blocks until the endpoint stops. Its threads are daemon threads, so a {@code main} that should keep
     * serving calls this (or otherwise waits) after {@link #start}.
     */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
            // A bound endpoint that never served has a connector open but no started server.
            connector.close();
        }
        catch (Exception e) {
            LOG.warn("Cannot stop the Glue endpoint cleanly", e);
        }
    }
}
