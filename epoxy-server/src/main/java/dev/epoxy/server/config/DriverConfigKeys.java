package dev.epoxy.server.config;

import static dev.epoxy.core.Checks.checkInput;

import dev.epoxy.server.config.ConfigKey.ValueType;
import dev.epoxy.server.driver.DriverLaunchConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Keys of session drivers and the driver link, read into {@link DriverLaunchConfig}. */
public final class DriverConfigKeys {
    public static final ConfigKey DIST_DIR = ConfigKey.optional("epoxy.dist-dir", ValueType.PATH,
            "The built distribution (with driver/ and python/); detected from the server's own jar when absent.");
    public static final ConfigKey SPARK_HOME = ConfigKey.optional("epoxy.session.spark-home", ValueType.PATH,
            "Spark 3.5 distribution that launches drivers; absent means the pyspark package of epoxy.session.python.");
    public static final ConfigKey PYTHON = ConfigKey.of("epoxy.session.python", ValueType.STRING, "python3",
            "Python that runs statements; it must have pyspark of the server's Spark version (./epoxy server uses .venv).");
    public static final ConfigKey MASTER = ConfigKey.of("epoxy.session.master", ValueType.STRING, DriverLaunchConfig.DEFAULT_MASTER,
            "Spark master of every session driver: local[*] or spark://host:port.");
    public static final ConfigKey LOCAL_DRIVER_MEMORY = ConfigKey.of("epoxy.session.local-driver-memory", ValueType.STRING, "2g",
            "Driver JVM memory in local mode (the whole session runs in the driver).");
    public static final ConfigKey MAX_OUTPUT_BYTES = ConfigKey.of("epoxy.session.max-output-bytes", ValueType.POSITIVE_INTEGER, "1048576",
            "Largest output one statement keeps; the rest is dropped with a note.");
    public static final ConfigKey CANCEL_GRACE_PERIOD = ConfigKey.of("epoxy.session.cancel-grace-period", ValueType.DURATION, "10s",
            "How long a cancelled statement may go on before its Python interpreter (a Scala session's REPL) is killed and replaced (the session's variables are lost).");
    public static final ConfigKey MAX_LOG_BYTES_PER_STATEMENT = ConfigKey.of("epoxy.session.max-log-bytes-per-statement", ValueType.POSITIVE_INTEGER, "1048576",
            "Most bytes of what a statement writes to file descriptors 1 and 2 that reach the driver log; the rest is dropped with a note.");
    public static final ConfigKey MAX_LOG_BYTES = ConfigKey.of("epoxy.session.max-log-bytes", ValueType.POSITIVE_INTEGER, "104857600",
            "Most bytes the session's Python interpreter writes to its driver log in all; the rest is dropped with a note.");
    public static final ConfigKey STOP_GRACE_PERIOD = ConfigKey.of("epoxy.session.stop-grace-period", ValueType.DURATION, "10s",
            "How long a stopping driver may take to exit before it is killed.");
    public static final ConfigKey SPARK_CONF = ConfigKey.optional("epoxy.session.spark-conf", ValueType.LIST,
            "Comma-separated key=value Spark settings applied to every driver before the session's own --conf arguments.");
    public static final ConfigKey LINK_BIND_ADDRESS = ConfigKey.of("epoxy.link.bind-address", ValueType.STRING, "127.0.0.1",
            "Address of the listener drivers connect back to.");
    public static final ConfigKey LINK_PORT = ConfigKey.of("epoxy.link.port", ValueType.PORT, "9913",
            "Port of the listener drivers connect back to; 0 picks a free port.");
    public static final ConfigKey LINK_GIVE_UP_AFTER = ConfigKey.of("epoxy.link.driver-give-up-after", ValueType.DURATION, "10m",
            "How long a driver that lost its link while its server process still runs keeps trying to reconnect before it exits.");
    public static final ConfigKey LINK_REATTACH_WINDOW = ConfigKey.of("epoxy.link.driver-reattach-window", ValueType.DURATION, "15s",
            "How long a driver whose server process is gone keeps trying to reach a new server on the same fixed epoxy.link.port "
                    + "(a server that does not want it refuses it, and it exits at once); with epoxy.link.port 0 it exits at once.");

    public static final List<ConfigKey> KEYS = List.of(DIST_DIR, SPARK_HOME, PYTHON, MASTER, LOCAL_DRIVER_MEMORY, MAX_OUTPUT_BYTES,
            CANCEL_GRACE_PERIOD, MAX_LOG_BYTES_PER_STATEMENT, MAX_LOG_BYTES, STOP_GRACE_PERIOD, SPARK_CONF, LINK_BIND_ADDRESS, LINK_PORT, LINK_GIVE_UP_AFTER,
            LINK_REATTACH_WINDOW);

    private DriverConfigKeys() {}

    public static DriverLaunchConfig driverLaunchConfig(EpoxyConfig config) {
        DriverLaunchConfig launch = DriverLaunchConfig.defaults()
                .withHome(config.home())
                .withPython(config.get(PYTHON))
                .withMaster(config.get(MASTER))
                .withLocalDriverMemory(config.get(LOCAL_DRIVER_MEMORY))
                .withMaxOutputBytes(config.getInt(MAX_OUTPUT_BYTES))
                .withCancelGracePeriod(config.getDuration(CANCEL_GRACE_PERIOD))
                .withMaxLogBytesPerStatement(config.getInt(MAX_LOG_BYTES_PER_STATEMENT))
                .withMaxLogBytes(config.getInt(MAX_LOG_BYTES))
                .withStopGracePeriod(config.getDuration(STOP_GRACE_PERIOD))
                .withLinkBindAddress(config.get(LINK_BIND_ADDRESS))
                .withLinkPort(config.getInt(LINK_PORT))
                .withLinkGiveUpAfter(config.getDuration(LINK_GIVE_UP_AFTER))
                .withLinkReattachWindow(config.getDuration(LINK_REATTACH_WINDOW))
                .withSparkConf(sparkConf(config.getList(SPARK_CONF)));
        // The Spark UI guards its Host header exactly when the Glue endpoint does (see HostGuard).
        ServerConfig server = ServerConfig.from(config);
        launch = launch.withUiHostGuard(isLoopback(server.bindAddress())).withUiAllowedHosts(server.allowedHosts());
        if (config.find(DIST_DIR).isPresent()) {
            launch = launch.withDistDir(config.getPath(DIST_DIR));
        }
        if (config.find(SPARK_HOME).isPresent()) {
            launch = launch.withSparkHome(config.getPath(SPARK_HOME));
        }
        return launch;
    }

    private static boolean isLoopback(String bindAddress) {
        if (List.of("localhost", "127.0.0.1", "::1", "[::1]").contains(bindAddress.toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private static Map<String, String> sparkConf(List<String> items) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String item : items) {
            int equals = item.indexOf('=');
            checkInput(equals > 0, "Invalid epoxy.session.spark-conf item: '%s' (expected key=value)", item);
            conf.put(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
        }
        return conf;
    }
}
