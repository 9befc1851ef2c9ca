package dev.epoxy.driver.it;

import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.driver.DriverLinkServer;
import dev.epoxy.server.driver.SessionDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Settings shared by the driver tests. The Python and Spark home come from the system properties
 * {@code epoxy.test.python} / {@code epoxy.test.spark-home} or the environment variables
 * {@code EPOXY_TEST_PYTHON} / {@code EPOXY_TEST_SPARK_HOME}; without them the Python is
 * /work/venv/bin/python (or python3) and Spark is found from its pyspark package.
 */
final class TestingDrivers {
    private TestingDrivers() {}

    static Path distDir() {
        String configured = System.getProperty("epoxy.dist-dir");
        Path dist = configured != null ? Path.of(configured) : Path.of("..", "epoxy-dist", "target", "epoxy");
        if (!Files.isDirectory(dist.resolve("driver"))) {
            throw new IllegalStateException("No Epoxy dist at " + dist.toAbsolutePath() + "; run mvn package (these tests run in verify)");
        }
        return dist.toAbsolutePath().normalize();
    }

    static String python() {
        return setting("epoxy.test.python", "EPOXY_TEST_PYTHON")
                .orElse(Files.isExecutable(Path.of("/work/venv/bin/python")) ? "/work/venv/bin/python" : "python3");
    }

    static Optional<Path> sparkHome() {
        return setting("epoxy.test.spark-home", "EPOXY_TEST_SPARK_HOME").map(Path::of);
    }

    /** The configured Spark home, or the pyspark package directory of {@link #python()}. */
    static Path resolvedSparkHome() {
        return sparkHome().orElseGet(() -> {
            try {
                Process process = new ProcessBuilder(python(), "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))")
                        .redirectErrorStream(true)
                        .start();
                String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(python() + " cannot import pyspark: " + output);
                }
                return Path.of(output);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Launch settings for tests: local[2], Spark UI off, a fresh home, an ephemeral link port. */
    static DriverLaunchConfig config(Path home) {
        DriverLaunchConfig config = DriverLaunchConfig.defaults()
                .withHome(home)
                .withDistDir(distDir())
                .withPython(python())
                .withMaster("local[2]")
                .withLocalDriverMemory("1g")
                .withLinkPort(0)
                .withSparkConf(Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"));
        return sparkHome().map(config::withSparkHome).orElse(config);
    }

    static DriverLinkServer linkServer() {
        return DriverLinkServer.start("127.0.0.1", 0);
    }

    static Session session(String id) {
        return session(id, Map.of());
    }

    static Session session(String id, Map<String, String> defaultArguments) {
        SessionSpec spec = new SessionSpec(
                Optional.empty(),
                "arn:aws:iam::123456789012:role/epoxy-test",
                new SessionCommand("glueetl", "3"),
                SessionSpec.DEFAULT_TIMEOUT_MINUTES,
                SessionSpec.DEFAULT_TIMEOUT_MINUTES,
                defaultArguments,
                List.of(),
                Capacity.ofWorkers(WorkerType.G_1X, 2),
                Optional.empty(),
                SessionSpec.DEFAULT_GLUE_VERSION,
                Optional.empty());
        return Session.provisioning(new SessionId(id), spec, Instant.now());
    }

    static Path newHome() {
        try {
            return Files.createTempDirectory("epoxy-driver-it");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a test home, unless {@code -Depoxy.test.keep-home=true} asks to keep it for its driver logs. */
    static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory) || Boolean.getBoolean("epoxy.test.keep-home")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String driverLog(Path home, String sessionId) {
        try {
            return Files.readString(SessionDirectories.under(home).driverLogOf(sessionId));
        }
        catch (IOException e) {
            return "(no driver log: " + e.getMessage() + ")";
        }
    }

    private static Optional<String> setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}
