package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a run's process ended.
 *
 * @param errorMessage for FAILED: the script's exception ({@code "ValueError: bad input"}), or why
 *     the process could not start or died, with where its log is
 * @param committedBookmark the bookmark state the script saved with {@code job.commit()} (a JSON
 *     object, opaque to the service), if it committed
 */
public record JobRunExit(Outcome outcome, Optional<String> errorMessage, Optional<String> committedBookmark) {
    public enum Outcome { SUCCEEDED, FAILED, STOPPED }

    public JobRunExit {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(committedBookmark, "committedBookmark is null");
    }

    public static JobRunExit failed(String message) {
        return new JobRunExit(Outcome.FAILED, Optional.of(message), Optional.empty());
    }

    public static JobRunExit stopped() {
        return new JobRunExit(Outcome.STOPPED, Optional.empty(), Optional.empty());
    }
}
