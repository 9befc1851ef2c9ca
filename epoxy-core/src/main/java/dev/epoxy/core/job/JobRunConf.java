package dev.epoxy.core.job;

/**
 * The Spark settings through which a launcher tells the awsglue runtime in a job run who it is and
 * where its bookmark state is. The launcher writes the files; the runtime reads the state at
 * {@code Job.init} and writes the new state at {@code job.commit()}, atomically (a temporary file
 * renamed into place), so a run that dies mid-commit leaves either nothing or the whole state.
 */
public final class JobRunConf {
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

    private JobRunConf() {
    }
}
