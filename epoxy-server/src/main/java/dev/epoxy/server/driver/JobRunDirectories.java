package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of each job run under {@code <home>/job-runs/<run id>/} (docs/jobs-runs.md):
 *
 * <ul>
 *   <li>{@code driver.log}: stdout and stderr of the whole run (Spark's output, the script's prints,
 *       tracebacks, {@code glueContext.get_logger()} lines); kept after the run;
 *   <li>{@code script/<file name>}: the script, copied from {@code s3://} storage;
 *   <li>{@code error.json}: {@code {"type": ..., "message": ...}} of the exception that ended the script;
 *   <li>{@code bookmark-state.json}, {@code bookmark-to-state.json}: the bookmark state the run starts
 *       from and, for pause with {@code --job-bookmark-to}, its upper bound;
 *   <li>{@code bookmark-commit.json}: the state the script saved with {@code job.commit()};
 *   <li>{@code run.pid}: the process id and the run id while the run's process is running;
 *   <li>{@code secret.properties}: storage credentials for spark-submit (owner-only), when there are any.
 * </ul>
 *
 * A run id made of {@code [A-Za-z0-9._-]} (Glue's {@code jr_<hex>} ids are) is the directory name as it
 * is; any other id is mapped like a session id ({@link SessionDirectories#directoryName}).
 */
public final class JobRunDirectories {
    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");
    static final String PID_FILE = "run.pid";

    private final Path root;

    private JobRunDirectories(Path root) {
        this.root = root;
    }

    public static JobRunDirectories under(Path home) {
        return new JobRunDirectories(requireNonNull(home, "home is null").toAbsolutePath().normalize().resolve("job-runs"));
    }

    public Path directoryOf(String runId) {
        requireNonNull(runId, "runId is null");
        return root.resolve(PORTABLE.matcher(runId).matches() ? runId : SessionDirectories.directoryName(runId));
    }

    public Path logOf(String runId) {
        return directoryOf(runId).resolve("driver.log");
    }

    Path scriptDirectoryOf(String runId) {
        return directoryOf(runId).resolve("script");
    }

    Path errorOf(String runId) {
        return directoryOf(runId).resolve("error.json");
    }

    Path bookmarkStateOf(String runId) {
        return directoryOf(runId).resolve("bookmark-state.json");
    }

    Path bookmarkToStateOf(String runId) {
        return directoryOf(runId).resolve("bookmark-to-state.json");
    }

    Path bookmarkCommitOf(String runId) {
        return directoryOf(runId).resolve("bookmark-commit.json");
    }

    Path pidOf(String runId) {
        return directoryOf(runId).resolve(PID_FILE);
    }

    /** The pid files of every run directory. */
    List<Path> pidFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> directories = Files.list(root)) {
            return directories.map(directory -> directory.resolve(PID_FILE)).filter(Files::isRegularFile).toList();
        }
    }

    void delete(String runId) {
        SessionDirectories.deleteTree(directoryOf(runId));
    }
}
