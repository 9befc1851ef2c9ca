package dev.epoxy.core.job;

import java.nio.file.Path;
import java.util.Set;

/**
 * Starts job runs off the request thread, each as its own process (a Spark application for
 * {@code glueetl}, a plain Python process for {@code pythonshell}). The job service decides what
 * runs and when (arguments, retries, timeouts, concurrency); the launcher only turns a
 * {@link JobRunLaunch} into a supervised process and reports how it ended.
 */
public interface JobRunLauncher {
    /**
     * Starts the run. Never throws for a run that cannot start: the listener then hears
     * {@link JobRunListener#exited} with a FAILED {@link JobRunExit} naming why. The listener is
     * called on a thread the launcher owns, {@code running} at most once and before {@code exited},
     * {@code exited} exactly once.
     */
    JobRunProcess launch(JobRunLaunch launch, JobRunListener listener);

    /**
     * Kills the processes of runs an earlier server left behind (a server restarted mid-run) and
     * returns their run ids, so that the service can end them truthfully.
     */
    Set<String> killOrphans();

    /** The run's log (driver stdout and stderr, the script's logger), kept after the run ends. */
    Path logOf(String runId);

    /** Removes what the runs of a deleted job left on disk. */
    void jobDeleted(String jobName, Set<String> runIds);
}
