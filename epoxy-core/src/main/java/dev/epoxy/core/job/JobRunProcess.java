package dev.epoxy.core.job;

/** One job run's process, as the launcher supervises it. */
public interface JobRunProcess {
    /**
     * Asks the run to stop: a graceful signal, then a forced kill of its whole process group after
     * the launcher's grace period. The listener then hears {@link JobRunExit.Outcome#STOPPED}
     * (unless the run had already ended by itself). Idempotent.
     */
    void stop();
}
