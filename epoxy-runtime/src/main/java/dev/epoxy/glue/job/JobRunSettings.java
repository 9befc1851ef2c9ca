package dev.epoxy.glue.job;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.bookmark.BookmarkOption;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Spark settings through which the job-run launcher tells the runtime who the run is and where its
 * bookmark state lives. The key strings are those of {@code dev.epoxy.core.job.JobRunConf}, copied here
 * because the runtime does not depend on epoxy-core; keep the two identical (a test in a module that
 * sees both pins them). No settings at all (a session) means bookmarks are disabled.
 *
 * @param jobName {@link #JOB_NAME}
 * @param runId {@link #RUN_ID}
 * @param bookmarkOption {@link #BOOKMARK_OPTION}; disable when not set
 * @param stateFile {@link #BOOKMARK_STATE_FILE}: the state to start from (absent setting or file: no state)
 * @param toStateFile {@link #BOOKMARK_TO_STATE_FILE}: the upper bound of a pause with {@code --job-bookmark-to}
 * @param commitFile {@link #BOOKMARK_COMMIT_FILE}: where {@code job.commit()} writes the new state
 */
public record JobRunSettings(Optional<String> jobName, Optional<String> runId, BookmarkOption bookmarkOption,
        Optional<Path> stateFile, Optional<Path> toStateFile, Optional<Path> commitFile) {
    public static final String JOB_NAME = "spark.epoxy.job.name";
    public static final String RUN_ID = "spark.epoxy.job.run-id";
    /** {@link BookmarkOption#argument()}. */
    public static final String BOOKMARK_OPTION = "spark.epoxy.job.bookmark-option";
    /** A JSON file with the state to start from; absent (setting or file) means no state. */
    public static final String BOOKMARK_STATE_FILE = "spark.epoxy.job.bookmark-state-file";
    /** For pause with {@code --job-bookmark-to}: a JSON file with the upper bound's state. */
    public static final String BOOKMARK_TO_STATE_FILE = "spark.epoxy.job.bookmark-to-state-file";
    /** Where {@code job.commit()} writes the new state (JSON object). */
    public static final String BOOKMARK_COMMIT_FILE = "spark.epoxy.job.bookmark-commit-file";

    public JobRunSettings {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(bookmarkOption, "bookmarkOption is null");
        requireNonNull(stateFile, "stateFile is null");
        requireNonNull(toStateFile, "toStateFile is null");
        requireNonNull(commitFile, "commitFile is null");
    }

    /**
     * The settings as {@code setting} (e.g. Spark's {@code RuntimeConfig.getOption}) returns them; blank values
     * count as absent.
     *
     * @throws GlueRuntimeException INVALID_INPUT for an unknown bookmark option or a malformed file path
     */
    public static JobRunSettings from(Function<String, Optional<String>> setting) {
        Function<String, Optional<String>> present = key -> setting.apply(key).map(String::trim).filter(value -> !value.isEmpty());
        return new JobRunSettings(present.apply(JOB_NAME), present.apply(RUN_ID),
                present.apply(BOOKMARK_OPTION).map(BookmarkOption::fromArgument).orElse(BookmarkOption.DISABLE),
                present.apply(BOOKMARK_STATE_FILE).map(value -> localPath(BOOKMARK_STATE_FILE, value)),
                present.apply(BOOKMARK_TO_STATE_FILE).map(value -> localPath(BOOKMARK_TO_STATE_FILE, value)),
                present.apply(BOOKMARK_COMMIT_FILE).map(value -> localPath(BOOKMARK_COMMIT_FILE, value)));
    }

    /** No job run: bookmarks disabled, no files. */
    public static JobRunSettings none() {
        return new JobRunSettings(Optional.empty(), Optional.empty(), BookmarkOption.DISABLE, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    // The launcher writes these files on the driver's machine: a plain path or a file: URI.
    private static Path localPath(String key, String value) {
        try {
            return value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
        } catch (IllegalArgumentException e) {
            throw GlueRuntimeException.invalidInput("Invalid %s: %s (%s)", key, value, e.getMessage());
        }
    }
}
