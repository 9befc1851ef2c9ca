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
import dev.epoxy.testing.TestingTools;
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
 * Settings shared by the driver tests. The Python and Spark home come from {@link TestingTools}: the
 * {@code EPOXY_SESSION_PYTHON} / {@code EPOXY_SESSION_SPARK_HOME} that {@code ./epoxy test} exports, or the
 * clone's own {@code .venv}.
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

    /** The project's Python: what ./epoxy test exports, else the clone's .venv (see {@link TestingTools}). */
    static String python() {
        return TestingTools.requirePython().toString();
    }

    /** The Spark home drivers are launched with, found the same way. */
    static Path sparkHome() {
        return TestingTools.requireSparkHome();
    }

    /** Launch settings for tests: local[2], Spark UI off, a fresh home, an ephemeral link port. */
    static DriverLaunchConfig config(Path home) {
        return DriverLaunchConfig.defaults()
                .withHome(home)
                .withDistDir(distDir())
                .withPython(python())
                .withMaster("local[2]")
                .withLocalDriverMemory("1g")
                .withLinkPort(0)
                .withSparkConf(Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"))
                .withSparkHome(sparkHome());
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
}
