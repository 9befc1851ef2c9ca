package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

/**
 * A session as observed at one instant, with the figures derived from the clock.
 *
 * @param progress progress of the running statement, 0 when none runs
 * @param executionSeconds seconds the session has held resources
 * @param dpuSeconds billed DPU-seconds (one-minute minimum)
 */
public record SessionInfo(Session session, double progress, double executionSeconds, double dpuSeconds) {
    public SessionInfo {
        requireNonNull(session, "session is null");
    }
}
