package dev.epoxy.server.connection;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.LIMIT_EXCEEDED;
import static dev.epoxy.core.ErrorCode.TIMEOUT;
import static java.util.Objects.requireNonNull;

import dev.epoxy.connection.ssl.JdbcSsl;
import dev.epoxy.connection.ssl.JdbcSslException;
import dev.epoxy.core.EpoxyException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TestConnection for JDBC connections: opens a real connection with the connection's URL, user and password, over
 * SSL as the connection's SSL properties say ({@link JdbcSsl}: the same driver settings sessions, jobs and crawls use), checks
 * it is valid ({@link Connection#isValid}) and closes it; nothing else runs. The driver is given
 * connect and login timeouts, and the whole test runs on a small pool of Epoxy's own threads with a hard
 * bound a little above them, so that a request thread never waits longer (DNS, a driver ignoring its
 * timeouts). A failure's message names the connection and carries the driver's reason (its first line),
 * with the password scrubbed from it; the password is never logged.
 */
public final class JdbcConnectionTester {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcConnectionTester.class);
    /** The URL prefixes of the drivers Epoxy ships (epoxy-dist's lib/). */
    public static final List<String> SHIPPED_DRIVERS = List.of("jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HARD_BOUND_MARGIN = Duration.ofSeconds(5);
    private static final int THREADS = 4;
    private static final int QUEUED = 16;
    private static final String SCRUBBED = "****";

    private final List<String> urlPrefixes;
    private final Duration timeout;
    private final JdbcSsl.CertificateSource certificates;
    private final ThreadPoolExecutor executor;

    /**
     * @param urlPrefixes the JDBC URL prefixes a test may open (other URLs are refused before any driver sees them)
     * @param timeout the driver's connect and login timeouts
     * @param certificates reads {@code CUSTOM_JDBC_CERT} objects
     */
    public JdbcConnectionTester(List<String> urlPrefixes, Duration timeout, JdbcSsl.CertificateSource certificates) {
        this.urlPrefixes = List.copyOf(requireNonNull(urlPrefixes, "urlPrefixes is null"));
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.certificates = requireNonNull(certificates, "certificates is null");
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), task -> {
            Thread thread = new Thread(task, "epoxy-connection-test-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** The drivers Epoxy ships, with {@link #DEFAULT_TIMEOUT}. */
    public static JdbcConnectionTester shippedDrivers(JdbcSsl.CertificateSource certificates) {
        return new JdbcConnectionTester(SHIPPED_DRIVERS, DEFAULT_TIMEOUT, certificates);
    }

    /** For servers that keep no storage: a connection naming a {@code CUSTOM_JDBC_CERT} fails its test, saying so. */
    public static JdbcConnectionTester shippedDriversWithoutStorage() {
        return shippedDrivers(location -> {
            throw new java.io.FileNotFoundException("this server has no storage to read " + location + " from");
        });
    }

    /**
     * Opens and validates a connection, then closes it.
     *
     * @param name how the caller names the connection, for messages
     * @param properties the connection's properties, whose SSL ones ({@link JdbcSsl}) say how to connect
     * @throws EpoxyException {@code INVALID_INPUT} when the URL is not one this server tests, the SSL properties cannot be
     *     used, or the connection fails (the driver's reason, password scrubbed); {@code TIMEOUT} past the hard bound;
     *     {@code LIMIT_EXCEEDED} when too many tests are running
     */
    public void test(String name, String url, Optional<String> user, Optional<String> password, Map<String, String> properties) {
        requireNonNull(name, "name is null");
        requireNonNull(url, "url is null");
        if (urlPrefixes.stream().noneMatch(url::startsWith)) {
            throw new EpoxyException(INVALID_INPUT, "Cannot test connection %s: its JDBC_CONNECTION_URL must start with one of %s (the drivers Epoxy has)",
                    name, String.join(", ", urlPrefixes));
        }
        Map<String, String> sslProperties;
        try {
            sslProperties = JdbcSsl.fromConnectionProperties(name, properties, certificates).driverProperties(name, url);
        }
        catch (JdbcSslException e) {
            throw new EpoxyException(INVALID_INPUT, "Connection test failed for connection %s: %s", name, e.getMessage());
        }
        Future<Optional<String>> attempt;
        try {
            attempt = executor.submit(() -> connect(url, user, password, sslProperties));
        }
        catch (RejectedExecutionException e) {
            throw new EpoxyException(LIMIT_EXCEEDED, "Cannot test connection %s: %s connection tests are running or waiting; try again", name, THREADS + QUEUED);
        }
        Optional<String> failure;
        try {
            failure = attempt.get(timeout.plus(HARD_BOUND_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            attempt.cancel(true);
            throw new EpoxyException(TIMEOUT, "Connection test failed for connection %s: no answer within %s seconds", name, timeout.plus(HARD_BOUND_MARGIN).toSeconds());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.cancel(true);
            throw new EpoxyException(TIMEOUT, "Connection test of connection %s was interrupted", name);
        }
        catch (ExecutionException e) {
            failure = Optional.of(String.valueOf(e.getCause()));
        }
        if (failure.isPresent()) {
            String reason = scrubbed(failure.get(), password);
            LOG.debug("Connection test of {} failed: {}", name, reason);
            throw new EpoxyException(INVALID_INPUT, "Connection test failed for connection %s: %s", name, reason);
        }
        LOG.debug("Connection test of {} succeeded", name);
    }

    /** The driver's reason when the connection cannot be opened or is not valid. */
    private Optional<String> connect(String url, Optional<String> user, Optional<String> password, Map<String, String> sslProperties) {
        Properties properties = new Properties();
        properties.putAll(sslProperties);
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        long seconds = Math.max(1, timeout.toSeconds());
        if (url.startsWith("jdbc:postgresql:")) {
            // PgJDBC counts in seconds.
            properties.setProperty("connectTimeout", String.valueOf(seconds));
            properties.setProperty("loginTimeout", String.valueOf(seconds));
            properties.setProperty("socketTimeout", String.valueOf(seconds));
        }
        else {
            // MariaDB's and MySQL's Connector/J count in milliseconds.
            properties.setProperty("connectTimeout", String.valueOf(timeout.toMillis()));
            properties.setProperty("socketTimeout", String.valueOf(timeout.toMillis()));
        }
        try {
            Driver driver = DriverManager.getDriver(url);
            try (Connection connection = driver.connect(url, properties)) {
                if (connection == null) {
                    return Optional.of("no JDBC driver on the server accepts this URL");
                }
                return connection.isValid((int) seconds) ? Optional.empty() : Optional.of("the database did not confirm the connection is valid");
            }
        }
        catch (SQLException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The first line of {@code message}, the password replaced wherever it appears. */
    static String scrubbed(String message, Optional<String> password) {
        String firstLine = message.lines().findFirst().orElse("").strip();
        if (password.isPresent() && !password.get().isEmpty()) {
            firstLine = firstLine.replace(password.get(), SCRUBBED);
        }
        return firstLine.isEmpty() ? "the driver gave no reason" : firstLine;
    }
}
