package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits and timings of the session service.
 *
 * @param maxActiveSessions sessions that may hold a driver at once (PROVISIONING, READY, STOPPING)
 * @param maxWaitingStatements statements that may queue behind the running one, per session
 * @param reaperInterval how often idle, expired and stuck sessions are looked for
 * @param startupTimeout how long a driver may take to become ready before the session FAILED
 * @param statementWait which GetStatement answers are held until their statement finishes
 */
public record SessionConfig(int maxActiveSessions, int maxWaitingStatements, Duration reaperInterval, Duration startupTimeout, StatementWaitConfig statementWait) {
    public SessionConfig {
        requireNonNull(reaperInterval, "reaperInterval is null");
        requireNonNull(startupTimeout, "startupTimeout is null");
        requireNonNull(statementWait, "statementWait is null");
    }

    /** With the default {@link StatementWaitConfig}. */
    public SessionConfig(int maxActiveSessions, int maxWaitingStatements, Duration reaperInterval, Duration startupTimeout) {
        this(maxActiveSessions, maxWaitingStatements, reaperInterval, startupTimeout, StatementWaitConfig.defaults());
    }

    public static SessionConfig defaults() {
        return new SessionConfig(16, 1000, Duration.ofSeconds(30), Duration.ofMinutes(5), StatementWaitConfig.defaults());
    }

    public SessionConfig withMaxActiveSessions(int value) {
        return new SessionConfig(value, maxWaitingStatements, reaperInterval, startupTimeout, statementWait);
    }

    public SessionConfig withMaxWaitingStatements(int value) {
        return new SessionConfig(maxActiveSessions, value, reaperInterval, startupTimeout, statementWait);
    }

    public SessionConfig withReaperInterval(Duration value) {
        return new SessionConfig(maxActiveSessions, maxWaitingStatements, value, startupTimeout, statementWait);
    }

    public SessionConfig withStartupTimeout(Duration value) {
        return new SessionConfig(maxActiveSessions, maxWaitingStatements, reaperInterval, value, statementWait);
    }

    public SessionConfig withStatementWait(StatementWaitConfig value) {
        return new SessionConfig(maxActiveSessions, maxWaitingStatements, reaperInterval, startupTimeout, value);
    }
}
