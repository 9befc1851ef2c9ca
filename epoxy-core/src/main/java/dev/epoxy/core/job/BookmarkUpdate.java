package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A new version of a job's bookmark, appended by the store (which numbers it). */
public sealed interface BookmarkUpdate {
    /** A run committed {@code state}: the entry's Run count goes up by one. */
    record Commit(String runId, int attempt, Optional<String> previousRunId, String state) implements BookmarkUpdate {
        public Commit {
            requireNonNull(runId, "runId is null");
            requireNonNull(previousRunId, "previousRunId is null");
            requireNonNull(state, "state is null");
        }
    }

    /** ResetJobBookmark without a run: no state. */
    record Reset() implements BookmarkUpdate {}

    /** ResetJobBookmark to a run: the state that run committed becomes current again. */
    record RewindTo(String runId) implements BookmarkUpdate {
        public RewindTo {
            requireNonNull(runId, "runId is null");
        }
    }
}
