package dev.epoxy.glue.job;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.bookmark.BookmarkFiles;
import dev.epoxy.glue.bookmark.BookmarkOption;
import dev.epoxy.glue.bookmark.BookmarkState;
import dev.epoxy.glue.bookmark.JobBookmarks;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Glue's {@code Job} on the JVM: {@link #init} loads the run's bookmark state, {@link #commit} saves the
 * new one. Like Glue's Scala {@code Job} object there is one job per driver: every source of every
 * GlueContext in the process consults {@link #bookmarks()}. Before any {@code init} (a session, a notebook)
 * bookmarks are disabled.
 */
public final class Job {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);
    private static final AtomicReference<Run> CURRENT = new AtomicReference<>(new Run(JobRunSettings.none(), JobBookmarks.disabled()));

    private record Run(JobRunSettings settings, JobBookmarks bookmarks) {
        Run {
            requireNonNull(settings, "settings is null");
            requireNonNull(bookmarks, "bookmarks is null");
        }
    }

    private Job() {}

    /**
     * Starts the job {@code jobName}: reads the {@link JobRunSettings} from {@code spark.conf} (which falls
     * back to the SparkContext's conf) and loads the state to start from, and under pause the to-state.
     * {@code runIdArgument} (the script's {@code JOB_RUN_ID} argument; null or blank for none) names the run
     * when the settings do not. Replaces the bookmarks of an earlier {@code init} in this driver.
     *
     * @throws GlueRuntimeException INVALID_INPUT for a bad setting or malformed state, IO for an unreadable file
     */
    // Called from Python via py4j
    public static void init(SparkSession spark, String jobName, String runIdArgument) {
        requireNonNull(spark, "spark is null");
        GlueRuntimeException.checkInput(jobName != null, "job_name must be str");
        JobRunSettings settings = JobRunSettings.from(key -> toOptional(spark.conf().getOption(key)));
        Optional<String> runId = settings.runId().or(() -> Optional.ofNullable(runIdArgument).filter(id -> !id.isBlank()));
        JobBookmarks bookmarks = switch (settings.bookmarkOption()) {
            case DISABLE -> new JobBookmarks(jobName, runId, BookmarkOption.DISABLE, BookmarkState.empty(jobName), Optional.empty());
            case ENABLE -> new JobBookmarks(jobName, runId, BookmarkOption.ENABLE, startState(settings, jobName), Optional.empty());
            case PAUSE -> new JobBookmarks(jobName, runId, BookmarkOption.PAUSE, startState(settings, jobName),
                    settings.toStateFile().map(file -> BookmarkFiles.read(file, jobName).orElse(BookmarkState.empty(jobName))));
        };
        CURRENT.set(new Run(settings, bookmarks));
        LOG.info("Job {} initialised with {}", jobName, settings.bookmarkOption().argument());
    }

    /**
     * Saves the bookmark state of the run: under enable, writes the start state advanced by every
     * bookmarked source read since {@link #init} to the commit file, atomically; under disable and pause
     * (and without {@code init}) writes nothing. May be called more than once; each call writes the state so far.
     *
     * @throws GlueRuntimeException INVALID_INPUT under enable without a commit file setting, IO when it cannot be written
     */
    // Called from Python via py4j
    public static void commit() {
        Run run = CURRENT.get();
        if (run.bookmarks().option() != BookmarkOption.ENABLE) {
            return;
        }
        java.nio.file.Path commitFile = run.settings().commitFile().orElseThrow(() -> GlueRuntimeException.invalidInput(
                "Cannot commit the job bookmark: %s is not set", JobRunSettings.BOOKMARK_COMMIT_FILE));
        BookmarkFiles.write(commitFile, run.bookmarks().committedState());
        LOG.info("Job bookmark committed to {}", commitFile);
    }

    /** The bookmarks of the current run; disabled before any {@link #init}. */
    public static JobBookmarks bookmarks() {
        return CURRENT.get().bookmarks();
    }

    private static BookmarkState startState(JobRunSettings settings, String jobName) {
        return settings.stateFile().flatMap(file -> BookmarkFiles.read(file, jobName)).orElse(BookmarkState.empty(jobName));
    }

    private static Optional<String> toOptional(Option<String> value) {
        return value.isDefined() ? Optional.of(value.get()) : Optional.empty();
    }
}
