package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of the job service.
 *
 * @param maxConcurrentRuns runs (each a process, a Spark application for glueetl) that may be active
 *     at once on the server, over all jobs ({@code epoxy.job.max-concurrent-runs}); StartJobRun beyond
 *     → {@code LIMIT_EXCEEDED}
 * @param deleteStopWait how long DeleteJob's background clean-up waits for the stopped runs'
 *     processes to exit before the launcher removes what they left on disk
 *     ({@code epoxy.job.delete-stop-wait})
 * @param timeoutUnit the length of one minute of a Timeout: a minute, except in tests of the timer
 */
public record JobConfig(int maxConcurrentRuns, Duration deleteStopWait, Duration timeoutUnit) {
    public JobConfig {
        if (maxConcurrentRuns < 1) {
            throw new IllegalArgumentException("maxConcurrentRuns must be positive: " + maxConcurrentRuns);
        }
        requireNonNull(deleteStopWait, "deleteStopWait is null");
        requireNonNull(timeoutUnit, "timeoutUnit is null");
        if (timeoutUnit.isNegative() || timeoutUnit.isZero()) {
            throw new IllegalArgumentException("timeoutUnit must be positive: " + timeoutUnit);
        }
    }

    public static JobConfig defaults() {
        return new JobConfig(4, Duration.ofSeconds(60), Duration.ofMinutes(1));
    }

    public JobConfig withMaxConcurrentRuns(int value) {
        return new JobConfig(value, deleteStopWait, timeoutUnit);
    }

    public JobConfig withDeleteStopWait(Duration value) {
        return new JobConfig(maxConcurrentRuns, value, timeoutUnit);
    }

    public JobConfig withTimeoutUnit(Duration value) {
        return new JobConfig(maxConcurrentRuns, deleteStopWait, value);
    }
}
