package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A session and where it is in its lifecycle.
 *
 * @param lastActivityOn when the session last became idle: READY, or the completion of its last
 *     statement. The idle timeout counts from here and never while a statement runs.
 */
public record Session(
        SessionId id,
        SessionSpec spec,
        SessionStatus status,
        Optional<String> errorMessage,
        Instant createdOn,
        Optional<Instant> readyOn,
        Optional<Instant> completedOn,
        Instant lastActivityOn) {

    /** AWS bills at least one minute per session. */
    public static final Duration MINIMUM_BILLED_DURATION = Duration.ofMinutes(1);

    public Session {
        requireNonNull(id, "id is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(status, "status is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(createdOn, "createdOn is null");
        requireNonNull(readyOn, "readyOn is null");
        requireNonNull(completedOn, "completedOn is null");
        requireNonNull(lastActivityOn, "lastActivityOn is null");
    }

    public static Session provisioning(SessionId id, SessionSpec spec, Instant now) {
        return new Session(id, spec, SessionStatus.PROVISIONING, Optional.empty(), now, Optional.empty(), Optional.empty(), now);
    }

    public Session withStatus(SessionStatus newStatus) {
        return new Session(id, spec, newStatus, errorMessage, createdOn, readyOn, completedOn, lastActivityOn);
    }

    public Session ready(Instant now) {
        return new Session(id, spec, SessionStatus.READY, errorMessage, createdOn, Optional.of(now), completedOn, now);
    }

    /** Moves to a terminal status, keeping the first completion time and error message. */
    public Session completed(SessionStatus terminalStatus, Optional<String> message, Instant now) {
        if (!terminalStatus.isTerminal()) {
            throw new IllegalArgumentException("not a terminal status: " + terminalStatus);
        }
        return new Session(
                id,
                spec,
                terminalStatus,
                errorMessage.or(() -> message),
                createdOn,
                readyOn,
                Optional.of(completedOn.orElse(now)),
                lastActivityOn);
    }

    public Session withLastActivityOn(Instant instant) {
        return new Session(id, spec, status, errorMessage, createdOn, readyOn, completedOn, instant);
    }

    /** Seconds the session has held resources: from creation until completion (or {@code now}). */
    public double executionSeconds(Instant now) {
        Instant end = completedOn.orElse(now);
        return Math.max(0, Duration.between(createdOn, end).toMillis() / 1000.0);
    }

    /** DPU-seconds as AWS bills them: DPUs × active seconds, with a one-minute minimum. */
    public double dpuSeconds(Instant now) {
        double billedSeconds = Math.max(executionSeconds(now), MINIMUM_BILLED_DURATION.toSeconds());
        return spec.capacity().dpu() * billedSeconds;
    }
}
