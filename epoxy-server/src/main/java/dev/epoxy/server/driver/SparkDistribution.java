package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the programs that spark-submit launches come from: the Epoxy dist directory (its {@code driver/}
 * jars) and the Spark home ({@code epoxy.session.spark-home}, or the pyspark package that the
 * configured Python imports). Shared by the session and the crawl launchers; extracted from
 * {@link SparkDriverLauncher}.
 */
final class SparkDistribution {
    private final DriverLaunchConfig config;
    private final Map<String, Path> sparkHomeByPython = new ConcurrentHashMap<>();

    SparkDistribution(DriverLaunchConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    Path distDir() {
        return config.resolveDistDir().orElseThrow(() -> launchFailure(
                "Cannot find the Epoxy distribution (the directory with driver/ and python/); set epoxy.dist-dir"));
    }

    /** The jars of {@code driver/} and of the configured extra jar directories, sorted per directory. */
    List<Path> driverJars() throws IOException {
        Path distDir = distDir();
        List<Path> jars = new ArrayList<>(listJars(distDir.resolve("driver")));
        for (String directory : config.extraJarDirectories()) {
            jars.addAll(listJars(distDir.resolve(directory)));
        }
        return List.copyOf(jars);
    }

    /** The jar among {@code jars} whose name matches {@code artifactId-<version>.jar}. */
    Path jarOf(List<Path> jars, String artifactId) {
        return jars.stream()
                .filter(jar -> jar.getFileName().toString().matches(java.util.regex.Pattern.quote(artifactId) + "-\\d.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> launchFailure("The Epoxy distribution %s has no driver/%s-*.jar; build it with mvn package or set epoxy.dist-dir", distDir(), artifactId));
    }

    /** {@code epoxy.session.spark-home}, or the directory of the pyspark package that the configured Python imports; checked. */
    Path sparkHome() {
        Path sparkHome = config.sparkHome().orElseGet(() -> sparkHomeByPython.computeIfAbsent(config.python(), SparkDistribution::findPysparkHome));
        if (!Files.isExecutable(sparkHome.resolve("bin").resolve("spark-submit"))) {
            throw launchFailure("Spark home %s has no executable bin/spark-submit; set epoxy.session.spark-home to a Spark %s distribution or the pyspark package directory",
                    sparkHome, "3.5");
        }
        return sparkHome;
    }

    static String joinPaths(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    static List<Path> listJars(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw launchFailure("The Epoxy distribution has no directory %s; build it with mvn package or set epoxy.dist-dir", directory);
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Path findPysparkHome(String python) {
        Process process;
        try {
            process = new ProcessBuilder(python, "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))")
                    .redirectErrorStream(true)
                    .start();
        }
        catch (IOException e) {
            throw launchFailure("Cannot run the Python interpreter %s (epoxy.session.python) to find Spark: %s", python, e.getMessage());
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw launchFailure("The Python interpreter %s (epoxy.session.python) did not answer within 60 seconds", python);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                String lastLine = output.lines().reduce((first, second) -> second).orElse("");
                throw launchFailure("The Python interpreter %s (epoxy.session.python) cannot import pyspark (%s); install pyspark 3.5 there or set epoxy.session.spark-home",
                        python, lastLine);
            }
            return Path.of(output.lines().reduce((first, second) -> second).orElse(output));
        }
        catch (IOException e) {
            throw launchFailure("Cannot run the Python interpreter %s (epoxy.session.python): %s", python, e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw launchFailure("Interrupted while looking for Spark");
        }
    }

    static EpoxyException launchFailure(String format, Object... args) {
        return new EpoxyException(ErrorCode.INTERNAL, format, args);
    }
}
