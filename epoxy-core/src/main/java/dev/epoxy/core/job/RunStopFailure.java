package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.ErrorCode;

/** A run BatchStopJobRun could not stop: unknown, or already ended. */
public record RunStopFailure(String runId, ErrorCode code, String message) {
    public RunStopFailure {
        requireNonNull(runId, "runId is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }
}
