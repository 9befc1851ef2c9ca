package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One version of a job's bookmark (Glue's {@code JobBookmarkEntry}). Versions are kept, so that
 * ResetJobBookmark can rewind to the state a run committed.
 *
 * @param version 1 for the first entry, one more for every commit, reset or rewind
 * @param run how many runs have committed state (a reset keeps the count)
 * @param runId the run that committed this state; empty after a reset
 * @param jobBookmark the state (a JSON object, opaque to the service); empty after a reset
 */
public record JobBookmarkEntry(String jobName, int version, int run, int attempt, Optional<String> previousRunId, Optional<String> runId,
        Optional<String> jobBookmark) {
    public JobBookmarkEntry {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(previousRunId, "previousRunId is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(jobBookmark, "jobBookmark is null");
    }
}
