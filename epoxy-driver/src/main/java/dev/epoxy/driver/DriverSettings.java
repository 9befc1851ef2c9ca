package dev.epoxy.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.LinkProtocol;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a driver needs to know, read from Spark conf keys {@code spark.epoxy.*} (set by the server's
 * launcher) and the token from the environment.
 *
 * @param linkHost the server's link listener
 * @param pythonPath extra PYTHONPATH entries for the interpreter (the dist's {@code python/})
 * @param linkGiveUpAfter how long the driver keeps trying to reach a server it lost before exiting,
 *     while that server's process still runs (or cannot be watched)
 * @param sessionLanguage the language of the session's statements
 * @param cancelGracePeriod how long a cancelled statement may go on after its cancel before the
 *     interpreter is killed and replaced
 * @param maxLogBytesPerStatement most bytes the interpreter (and what it starts) may write to the
 *     driver log through its file descriptors 1 and 2 per statement
 * @param maxLogBytes most bytes the interpreters may write to the driver log in all
 * @param serverPid the server's process (the driver runs on the server's machine in client deploy
 *     mode); empty when unknown, and then the driver cannot tell a gone server from a slow one
 * @param linkPortEphemeral whether the server's link port was picked at random ({@code epoxy.link.port}
 *     0): a new server would listen elsewhere, so once the server process is gone nobody can re-attach
 *     this driver
 * @param linkReattachWindow how long the driver keeps trying a fixed link port after its server
 *     process is gone, for a new server that may want it (today's refuses it, and it exits at once)
 */
public record DriverSettings(
        String sessionId,
        String token,
        String linkHost,
        int linkPort,
        String python,
        String pythonPath,
        int maxOutputBytes,
        Duration linkGiveUpAfter,
        Duration pythonStartTimeout,
        String logLevel,
        InterpreterLanguage sessionLanguage,
        Duration cancelGracePeriod,
        long maxLogBytesPerStatement,
        long maxLogBytes,
        OptionalLong serverPid,
        boolean linkPortEphemeral,
        Duration linkReattachWindow) {

    public static final String SESSION_ID = "spark.epoxy.session-id";
    public static final String LINK_ADDRESS = "spark.epoxy.link-address";
    public static final String PYTHON = "spark.epoxy.python";
    public static final String PYTHON_PATH = "spark.epoxy.python-path";
    public static final String MAX_OUTPUT_BYTES = "spark.epoxy.max-output-bytes";
    public static final String LINK_GIVE_UP_AFTER = "spark.epoxy.link-give-up-after";
    public static final String PYTHON_START_TIMEOUT = "spark.epoxy.python-start-timeout";
    public static final String LOG_LEVEL = "spark.epoxy.log-level";
    public static final String SESSION_LANGUAGE = "spark.epoxy.session-language";
    public static final String CANCEL_GRACE_PERIOD_MILLIS = "spark.epoxy.cancel-grace-period-millis";
    public static final String MAX_LOG_BYTES_PER_STATEMENT = "spark.epoxy.max-log-bytes-per-statement";
    public static final String MAX_LOG_BYTES = "spark.epoxy.max-log-bytes";
    private static final int DEFAULT_REATTACH_WINDOW_SECONDS = 15;
    public static final String SERVER_PID = "spark.epoxy.server-pid";
    public static final String LINK_PORT_EPHEMERAL = "spark.epoxy.link-port-ephemeral";
    public static final String LINK_REATTACH_WINDOW = "spark.epoxy.link-reattach-window";

    public DriverSettings {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(token, "token is null");
        requireNonNull(linkHost, "linkHost is null");
        requireNonNull(python, "python is null");
        requireNonNull(pythonPath, "pythonPath is null");
        requireNonNull(linkGiveUpAfter, "linkGiveUpAfter is null");
        requireNonNull(pythonStartTimeout, "pythonStartTimeout is null");
        requireNonNull(logLevel, "logLevel is null");
        requireNonNull(sessionLanguage, "sessionLanguage is null");
        requireNonNull(cancelGracePeriod, "cancelGracePeriod is null");
        requireNonNull(serverPid, "serverPid is null");
        requireNonNull(linkReattachWindow, "linkReattachWindow is null");
    }

    public DriverSettings withServerWatch(long pid, boolean portEphemeral, Duration reattachWindow) {
        return new DriverSettings(sessionId, token, linkHost, linkPort, python, pythonPath, maxOutputBytes, linkGiveUpAfter, pythonStartTimeout, logLevel,
                sessionLanguage, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes, OptionalLong.of(pid), portEphemeral, reattachWindow);
    }

    /**
     * Reads the settings.
     *
     * @param conf Spark conf lookup (null when absent)
     * @throws IllegalArgumentException naming the missing or malformed setting
     */
    public static DriverSettings load(Function<String, String> conf, Map<String, String> environment) {
        String token = environment.get(LinkProtocol.TOKEN_ENVIRONMENT_VARIABLE);
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("The environment variable " + LinkProtocol.TOKEN_ENVIRONMENT_VARIABLE + " is not set");
        }
        String address = required(conf, LINK_ADDRESS);
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Invalid " + LINK_ADDRESS + " (expected host:port): " + address);
        }
        return new DriverSettings(
                required(conf, SESSION_ID),
                token,
                address.substring(0, colon),
                parseInt(LINK_ADDRESS, address.substring(colon + 1)),
                optional(conf, PYTHON, "python3"),
                optional(conf, PYTHON_PATH, ""),
                parseInt(MAX_OUTPUT_BYTES, optional(conf, MAX_OUTPUT_BYTES, String.valueOf(1024 * 1024))),
                Duration.ofSeconds(parseInt(LINK_GIVE_UP_AFTER, optional(conf, LINK_GIVE_UP_AFTER, "600"))),
                Duration.ofSeconds(parseInt(PYTHON_START_TIMEOUT, optional(conf, PYTHON_START_TIMEOUT, "120"))),
                optional(conf, LOG_LEVEL, "WARN"),
                InterpreterLanguage.fromConf(optional(conf, SESSION_LANGUAGE, "python")),
                Duration.ofMillis(parseLong(CANCEL_GRACE_PERIOD_MILLIS, optional(conf, CANCEL_GRACE_PERIOD_MILLIS, "10000"))),
                parseLong(MAX_LOG_BYTES_PER_STATEMENT, optional(conf, MAX_LOG_BYTES_PER_STATEMENT, String.valueOf(1024 * 1024))),
                parseLong(MAX_LOG_BYTES, optional(conf, MAX_LOG_BYTES, String.valueOf(100L * 1024 * 1024))),
                conf.apply(SERVER_PID) == null || conf.apply(SERVER_PID).isBlank()
                        ? OptionalLong.empty()
                        : OptionalLong.of(parseInt(SERVER_PID, conf.apply(SERVER_PID))),
                Boolean.parseBoolean(optional(conf, LINK_PORT_EPHEMERAL, "false").strip()),
                Duration.ofSeconds(parseInt(LINK_REATTACH_WINDOW, optional(conf, LINK_REATTACH_WINDOW, String.valueOf(DEFAULT_REATTACH_WINDOW_SECONDS)))));
    }

    private static String required(Function<String, String> conf, String key) {
        String value = conf.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The Spark conf " + key + " is not set");
        }
        return value;
    }

    private static String optional(Function<String, String> conf, String key, String defaultValue) {
        String value = conf.apply(key);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + key + " (expected a number): " + value);
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + key + " (expected a number): " + value);
        }
    }
}
