package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of session drivers and the driver link.
 *
 * @param home Epoxy's state directory ({@code epoxy.home}): driver logs go to
 *     {@code <home>/sessions/<name>/driver.log} ({@link SessionDirectories}), {@code s3://} data lives
 *     in {@code <home>/s3}
 * @param distDir the runnable layout with {@code driver/} and {@code python/} ({@code epoxy.dist-dir})
 * @param sparkHome a Spark 3.5 distribution ({@code epoxy.session.spark-home}); empty means the
 *     pyspark package directory of {@code python}
 * @param python the Python that runs statements; it must have pyspark of the same version
 *     ({@code epoxy.session.python})
 * @param master Spark master of every driver ({@code epoxy.session.master})
 * @param localDriverMemory driver JVM memory in local mode ({@code epoxy.session.local-driver-memory})
 * @param maxOutputBytes bound of one statement's captured output ({@code epoxy.session.max-output-bytes})
 * @param stopGracePeriod how long a stopping driver may take before it is killed
 *     ({@code epoxy.session.stop-grace-period})
 * @param linkBindAddress address of the link listener ({@code epoxy.link.bind-address})
 * @param linkPort port of the link listener, 0 for any free port ({@code epoxy.link.port})
 * @param linkGiveUpAfter how long a driver that lost its link, while its server process still runs
 *     (or cannot be watched), keeps trying to reconnect ({@code epoxy.link.driver-give-up-after})
 * @param linkReattachWindow how long a driver whose server process is gone keeps trying to reach a
 *     new server on the same fixed link port ({@code epoxy.link.driver-reattach-window}); with an
 *     ephemeral link port no new server can be found and the driver exits at once
 * @param sparkConf Spark confs set on every driver before the session's own
 *     ({@code epoxy.session.spark-conf})
 * @param extraJarDirectories directories of the dist whose jars drivers get besides {@code driver/}
 *     (e.g. {@code driver-s3a} for Hadoop's S3A connector)
 * @param driverEnvironment environment variables of every driver and its Python interpreter (e.g.
 *     {@code AWS_ENDPOINT_URL_S3}, so boto3 in statements reaches the embedded S3 endpoint)
 * @param uiHostGuard whether the drivers' Spark UI refuses {@code Host} headers that are not loopback
 *     names or {@code uiAllowedHosts}: on while the Glue endpoint listens on loopback, like its own guard
 * @param uiAllowedHosts extra {@code Host} names the Spark UI accepts ({@code epoxy.server.allowed-hosts})
 * @param cancelGracePeriod how long a cancelled statement may go on before its interpreter is
 *     killed and replaced ({@code epoxy.session.cancel-grace-period})
 * @param maxLogBytesPerStatement most bytes a statement's writes to file descriptors 1 and 2 add
 *     to the driver log ({@code epoxy.session.max-log-bytes-per-statement})
 * @param maxLogBytes most bytes the Python interpreters add to the driver log in all
 *     ({@code epoxy.session.max-log-bytes})
 */
public record DriverLaunchConfig(
        Path home,
        Optional<Path> distDir,
        Optional<Path> sparkHome,
        String python,
        String master,
        String localDriverMemory,
        int maxOutputBytes,
        Duration stopGracePeriod,
        String linkBindAddress,
        int linkPort,
        Duration linkGiveUpAfter,
        Duration linkReattachWindow,
        Map<String, String> sparkConf,
        List<String> extraJarDirectories,
        Map<String, String> driverEnvironment,
        boolean uiHostGuard,
        List<String> uiAllowedHosts,
        Duration cancelGracePeriod,
        long maxLogBytesPerStatement,
        long maxLogBytes) {

    public static final String DEFAULT_MASTER = "local[*]";

    public DriverLaunchConfig {
        requireNonNull(home, "home is null");
        requireNonNull(distDir, "distDir is null");
        requireNonNull(sparkHome, "sparkHome is null");
        requireNonNull(python, "python is null");
        requireNonNull(master, "master is null");
        requireNonNull(localDriverMemory, "localDriverMemory is null");
        requireNonNull(stopGracePeriod, "stopGracePeriod is null");
        requireNonNull(linkBindAddress, "linkBindAddress is null");
        requireNonNull(linkGiveUpAfter, "linkGiveUpAfter is null");
        requireNonNull(linkReattachWindow, "linkReattachWindow is null");
        uiAllowedHosts = List.copyOf(requireNonNull(uiAllowedHosts, "uiAllowedHosts is null"));
        sparkConf = Map.copyOf(requireNonNull(sparkConf, "sparkConf is null"));
        extraJarDirectories = List.copyOf(requireNonNull(extraJarDirectories, "extraJarDirectories is null"));
        driverEnvironment = Map.copyOf(requireNonNull(driverEnvironment, "driverEnvironment is null"));
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
        }
        if (linkPort < 0 || linkPort > 65535) {
            throw new IllegalArgumentException("linkPort out of range: " + linkPort);
        }
        requireNonNull(cancelGracePeriod, "cancelGracePeriod is null");
        if (cancelGracePeriod.isNegative()) {
            throw new IllegalArgumentException("cancelGracePeriod must not be negative: " + cancelGracePeriod);
        }
        if (maxLogBytesPerStatement < 0 || maxLogBytes < 0) {
            throw new IllegalArgumentException("log bounds must not be negative: " + maxLogBytesPerStatement + ", " + maxLogBytes);
        }
    }

    /** Defaults, with {@code home} under the user's home and the dist directory auto-detected. */
    public static DriverLaunchConfig defaults() {
        return new DriverLaunchConfig(
                Path.of(System.getProperty("user.home"), ".epoxy"),
                Optional.empty(),
                Optional.empty(),
                "python3",
                DEFAULT_MASTER,
                "2g",
                1024 * 1024,
                Duration.ofSeconds(10),
                "127.0.0.1",
                9913,
                Duration.ofMinutes(10),
                Duration.ofSeconds(15),
                Map.of(),
                List.of(),
                Map.of(),
                true,
                List.of(),
                Duration.ofSeconds(10),
                1024 * 1024,
                100L * 1024 * 1024);
    }

    public DriverLaunchConfig withHome(Path value) {
        return new DriverLaunchConfig(value, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withDistDir(Path value) {
        return new DriverLaunchConfig(home, Optional.of(value), sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withSparkHome(Path value) {
        return new DriverLaunchConfig(home, distDir, Optional.of(value), python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    /** Finds Spark from the pyspark package of {@link #python()} (the default). */
    public DriverLaunchConfig withDefaultSparkHome() {
        return new DriverLaunchConfig(home, distDir, Optional.empty(), python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withPython(String value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, value, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withMaster(String value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, value, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withLocalDriverMemory(String value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, value, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withMaxOutputBytes(int value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, value, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withStopGracePeriod(Duration value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, value, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withLinkBindAddress(String value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, value, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withLinkPort(int value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, value, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withLinkGiveUpAfter(Duration value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, value, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withLinkReattachWindow(Duration value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, value, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withSparkConf(Map<String, String> value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, value, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withExtraJarDirectories(List<String> value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, value, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withDriverEnvironment(Map<String, String> value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, value, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withUiHostGuard(boolean value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, value, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withUiAllowedHosts(List<String> value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, value, cancelGracePeriod, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withCancelGracePeriod(Duration value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, value, maxLogBytesPerStatement, maxLogBytes);
    }

    public DriverLaunchConfig withMaxLogBytesPerStatement(long value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, value, maxLogBytes);
    }

    public DriverLaunchConfig withMaxLogBytes(long value) {
        return new DriverLaunchConfig(home, distDir, sparkHome, python, master, localDriverMemory, maxOutputBytes, stopGracePeriod, linkBindAddress, linkPort, linkGiveUpAfter, linkReattachWindow, sparkConf, extraJarDirectories, driverEnvironment, uiHostGuard, uiAllowedHosts, cancelGracePeriod, maxLogBytesPerStatement, value);
    }

    /**
     * The dist directory: {@link #distDir()} if set, else the directory above the {@code lib/} that
     * holds the server's own jar (the layout {@code epoxy-dist} builds).
     */
    public Optional<Path> resolveDistDir() {
        if (distDir.isPresent()) {
            return distDir;
        }
        try {
            Path codeSource = Path.of(DriverLaunchConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = codeSource.getParent();
            if (lib != null && lib.getFileName() != null && lib.getFileName().toString().equals("lib") && Files.isDirectory(lib.resolveSibling("driver"))) {
                return Optional.of(lib.getParent());
            }
        }
        catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
