package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt of a job run, as stored.
 *
 * @param id {@code jr_} and 64 hex digits, like AWS's ({@link JobRunIds})
 * @param attempt 0 for a first attempt; a retry of a failed attempt has the next number
 * @param previousRunId the failed attempt this one retries
 * @param runningOn when its process started (the run became RUNNING); execution time and DPU-seconds
 *     count from here
 * @param arguments the run's own {@code Arguments} as StartJobRun gave them (the merged ones are
 *     computed at launch)
 * @param timeoutMinutes the run's Timeout, or the job's
 */
public record JobRun(
        String id,
        String jobName,
        int attempt,
        Optional<String> previousRunId,
        JobRunState state,
        Instant startedOn,
        Optional<Instant> runningOn,
        Instant lastModifiedOn,
        Optional<Instant> completedOn,
        Map<String, String> arguments,
        Optional<String> errorMessage,
        int timeoutMinutes,
        JobCommandName command,
        JobCapacity capacity,
        String glueVersion,
        Optional<String> executionClass) {
    public JobRun {
        requireNonNull(id, "id is null");
        requireNonNull(jobName, "jobName is null");
        requireNonNull(previousRunId, "previousRunId is null");
        requireNonNull(state, "state is null");
        requireNonNull(startedOn, "startedOn is null");
        requireNonNull(runningOn, "runningOn is null");
        requireNonNull(lastModifiedOn, "lastModifiedOn is null");
        requireNonNull(completedOn, "completedOn is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(command, "command is null");
        requireNonNull(capacity, "capacity is null");
        requireNonNull(glueVersion, "glueVersion is null");
        requireNonNull(executionClass, "executionClass is null");
    }

    public JobRun running(Instant now) {
        return new JobRun(id, jobName, attempt, previousRunId, JobRunState.RUNNING, startedOn, Optional.of(now), now, completedOn, arguments,
                errorMessage, timeoutMinutes, command, capacity, glueVersion, executionClass);
    }

    public JobRun stopping(Instant now) {
        return new JobRun(id, jobName, attempt, previousRunId, JobRunState.STOPPING, startedOn, runningOn, now, completedOn, arguments,
                errorMessage, timeoutMinutes, command, capacity, glueVersion, executionClass);
    }

    /** The run in a final state, completed now. */
    public JobRun ended(JobRunState finalState, Optional<String> message, Instant now) {
        if (finalState.isActive()) {
            throw new IllegalArgumentException("Not a final state: " + finalState);
        }
        return new JobRun(id, jobName, attempt, previousRunId, finalState, startedOn, runningOn, now, Optional.of(now), arguments,
                message, timeoutMinutes, command, capacity, glueVersion, executionClass);
    }

    /** Seconds the run's process ran (to {@code now} while it runs), 0 when it never started; Glue's ExecutionTime. */
    public int executionSeconds(Instant now) {
        if (runningOn.isEmpty()) {
            return 0;
        }
        Instant end = completedOn.orElse(now);
        return (int) Math.max(0, Duration.between(runningOn.get(), end).toSeconds());
    }

    /** DPU-seconds billed for the run ({@link DpuSeconds}). */
    public double dpuSeconds(Instant now) {
        return runningOn.isEmpty() ? 0 : DpuSeconds.billed(command, glueVersion, executionSeconds(now), capacity.maxCapacity());
    }
}
