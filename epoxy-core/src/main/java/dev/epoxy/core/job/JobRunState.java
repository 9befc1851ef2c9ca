package dev.epoxy.core.job;

/**
 * Glue's {@code JobRunState}. Epoxy's runs go STARTING → RUNNING → SUCCEEDED | FAILED | TIMEOUT, or
 * → STOPPING → STOPPED; ERROR, WAITING and EXPIRED (workflows, queuing) are never entered yet.
 */
public enum JobRunState {
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    SUCCEEDED,
    FAILED,
    TIMEOUT,
    ERROR,
    WAITING,
    EXPIRED;

    /** Whether the run holds a place among the job's MaxConcurrentRuns (its process may be alive). */
    public boolean isActive() {
        return switch (this) {
            case STARTING, RUNNING, STOPPING, WAITING -> true;
            case STOPPED, SUCCEEDED, FAILED, TIMEOUT, ERROR, EXPIRED -> false;
        };
    }
}
