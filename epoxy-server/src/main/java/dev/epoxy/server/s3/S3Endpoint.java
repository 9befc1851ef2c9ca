package dev.epoxy.server.s3;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible HTTP endpoint (S3Proxy with its file-system back end) serving the directory that
 * Spark's {@code s3://} paths map to: the object {@code s3://bucket/key} is the file {@code
 * <root>/bucket/key}, whichever side wrote it.
 *
 * <p>Requests are not authenticated: clients may sign with any credentials (the AWS CLI and SDKs
 * insist on having some). Path-style addressing ({@code http://host:port/bucket/key}) is what it
 * understands. Bound to a loopback address (the default), it answers only requests whose {@code Host}
 * is a loopback name or address, as the Glue endpoint does.
 */
public final class S3Endpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Endpoint.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final Path root;
    private final URI uri;

    private S3Endpoint(S3Proxy proxy, Path root, URI uri) {
        this.proxy = proxy;
        this.root = root;
        this.uri = uri;
    }

    /**
     * Starts an endpoint over {@code root} (created if missing) and returns once it accepts requests.
     *
     * @throws EpoxyException {@link ErrorCode#INTERNAL} if the port cannot be bound or the root cannot be
     *     created
     */
    public static S3Endpoint start(S3EndpointConfig config, Path root) {
        requireNonNull(config, "config is null");
        requireNonNull(root, "root is null");
        checkJacksonAnnotations();
        Path absoluteRoot = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absoluteRoot);
        } catch (IOException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot create the S3 root directory %s", absoluteRoot);
        }
        String host = hostForUri(config.bindAddress());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(absoluteRoot.toString()))
                .endpoint(URI.create("http://" + host + ":" + config.port()))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                // Requests arrive signed with dummy credentials; there is no signature to check, so
                // there is no clock skew to reject either.
                .ignoreUnknownHeaders(true)
                .build();
        boolean loopback = isLoopback(config.bindAddress());
        if (loopback) {
            LoopbackHostGuard.install(proxy);
        }
        S3ProxyJetty.wrapHandler(proxy, "the request trailer drain", RequestTrailerDrain::new);
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot start the S3 endpoint on %s:%s: %s",
                    config.bindAddress(), config.port(), e.getMessage());
        }
        URI uri = URI.create("http://" + host + ":" + proxy.getPort());
        LOG.info("S3 endpoint listening on {} serving {}", uri, absoluteRoot);
        if (!loopback) {
            LOG.warn("S3 endpoint on {} accepts any request without authentication from every host that can reach it;"
                    + " bind it to 127.0.0.1 (epoxy.s3.bind-address) unless that is intended", uri);
        }
        return new S3Endpoint(proxy, absoluteRoot, uri);
    }

    /** The port the endpoint is bound to (the actual one when the configured port was 0). */
    public int port() {
        return proxy.getPort();
    }

    /** The URL clients pass as {@code --endpoint-url}, such as {@code http://127.0.0.1:9912}. */
    public URI uri() {
        return uri;
    }

    /** The directory holding one sub-directory per bucket. */
    public Path root() {
        return root;
    }

    /** Stops listening; the objects stay on disk. */
    @Override
    public void close() {
        try {
            proxy.stop();
            LOG.info("S3 endpoint on {} stopped", uri);
        } catch (Exception e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot stop the S3 endpoint on %s", uri);
        }
    }

    // S3Proxy runs on Jackson 3, which needs jackson-annotations 2.22 or later; the root pom pins
    // Jackson 2.15.2 for Spark. A module that puts epoxy-server on its classpath without epoxy-server's
    // override would otherwise fail on the first request with a bare NoClassDefFoundError.
    private static void checkJacksonAnnotations() {
        try {
            Class.forName("com.fasterxml.jackson.annotation.JsonSerializeAs", false, S3Endpoint.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e,
                    "Cannot start the S3 endpoint: S3Proxy needs com.fasterxml.jackson.core:jackson-annotations 2.22 or later"
                            + " on the server's classpath (see epoxy-server/pom.xml), or set epoxy.s3.enabled=false");
        }
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within " + STARTUP_TIMEOUT + ", state " + proxy.getState());
            }
            Thread.sleep(5);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.debug("Stopping a half-started S3 endpoint failed", e);
        }
    }

    private static boolean isLoopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IPv6 literal needs brackets in a URI. */
    private static String hostForUri(String bindAddress) {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            if (address instanceof java.net.Inet6Address && bindAddress.contains(":")) {
                return "[" + bindAddress + "]";
            }
            return bindAddress;
        } catch (UnknownHostException e) {
            throw new EpoxyException(ErrorCode.INVALID_INPUT, e, "Invalid epoxy.s3.bind-address: %s", bindAddress);
        }
    }
}
