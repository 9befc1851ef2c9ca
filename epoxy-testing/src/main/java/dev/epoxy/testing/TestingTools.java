package dev.epoxy.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The outside tools tests run (the project's Python, its Spark home, the AWS CLI), found only from
 * what {@code ./epoxy test} sets up: the {@code EPOXY_SESSION_PYTHON} / {@code EPOXY_SESSION_SPARK_HOME}
 * it exports, the clone's own {@code .venv}, and the {@code PATH}. Never a path of one machine.
 *
 * <p>A missing tool skips the test on a developer's machine but fails it under {@code CI=true}, so CI
 * can never turn green by silently dropping coverage.
 */
public final class TestingTools {
    private TestingTools() {}

    /** The clone's root: the nearest directory above the working directory holding the {@code epoxy} script. */
    public static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("epoxy")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Not inside an Epoxy clone (no epoxy script above " + directory + ")");
    }

    /**
     * The Python that sessions and Python clients run: {@code -Depoxy.test.python}, else
     * {@code EPOXY_SESSION_PYTHON}, else the clone's {@code .venv/bin/python}.
     */
    public static Optional<Path> findPython() {
        return setting("epoxy.test.python", "EPOXY_SESSION_PYTHON")
                .map(Path::of)
                .or(() -> Optional.of(repositoryRoot().resolve(".venv/bin/python")))
                .filter(Files::isExecutable);
    }

    /** {@link #findPython()}, or the test is skipped (failed under {@code CI=true}). */
    public static Path requirePython() {
        Optional<Path> python = findPython();
        requirePrerequisite(python.isPresent(), "the project's Python (run ./epoxy test, which creates .venv and exports EPOXY_SESSION_PYTHON)");
        return python.orElseThrow();
    }

    /**
     * The Spark home drivers are launched with: {@code -Depoxy.test.spark-home}, else
     * {@code EPOXY_SESSION_SPARK_HOME}, else the pyspark package of {@link #requirePython()}.
     */
    public static Path requireSparkHome() {
        Optional<Path> configured = setting("epoxy.test.spark-home", "EPOXY_SESSION_SPARK_HOME").map(Path::of);
        if (configured.isPresent()) {
            return configured.get();
        }
        Path python = requirePython();
        String output = run(python.toString(), "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))");
        return Path.of(output.strip());
    }

    /** The AWS CLI v2 on the {@code PATH} ({@code apt-get install awscli} on Debian 12), or the test is skipped (failed in CI). */
    public static Path requireAwsCli() {
        // PATH may hold other `aws` first (a pip-installed CLI v1, a pyenv shim): take the first v2.
        Optional<Path> aws = onPath("aws").filter(path -> run(path.toString(), "--version").startsWith("aws-cli/2.")).findFirst();
        requirePrerequisite(aws.isPresent(), "the AWS CLI v2 on PATH (apt-get install awscli)");
        return aws.orElseThrow();
    }

    /** Skips the calling test when {@code present} is false, or fails it when running under {@code CI=true}. */
    public static void requirePrerequisite(boolean present, String what) {
        if (present) {
            return;
        }
        if (isCi()) {
            throw new AssertionError("Missing test prerequisite under CI=true: " + what);
        }
        Assumptions.abort("Missing test prerequisite (this would fail under CI=true): " + what);
    }

    /** True under {@code CI=true}, which {@code .ci/run} sets. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Stream<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Stream.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, command))
                .filter(Files::isExecutable)
                .distinct();
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
