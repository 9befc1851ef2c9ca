package dev.epoxy.core.job;

/** Events of one job run's process. Implementations are thread-safe. */
public interface JobRunListener {
    /** The process started (the run is RUNNING from here on). */
    void running(String runId);

    /** The process ended, by itself or after {@link JobRunProcess#stop()}. Called exactly once. */
    void exited(String runId, JobRunExit exit);
}
