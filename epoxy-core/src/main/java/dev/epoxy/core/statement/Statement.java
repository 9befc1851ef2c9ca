package dev.epoxy.core.statement;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.session.SessionId;
import java.time.Instant;
import java.util.Optional;

/** A statement of a session. Ids start at 1 and increase per session. */
public record Statement(
        SessionId sessionId,
        int id,
        String code,
        StatementState state,
        Optional<StatementOutput> output,
        double progress,
        Instant submittedOn,
        Optional<Instant> startedOn,
        Optional<Instant> completedOn) {

    public Statement {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(code, "code is null");
        requireNonNull(state, "state is null");
        requireNonNull(output, "output is null");
        requireNonNull(submittedOn, "submittedOn is null");
        requireNonNull(startedOn, "startedOn is null");
        requireNonNull(completedOn, "completedOn is null");
    }

    public static Statement waiting(SessionId sessionId, int id, String code, Instant now) {
        return new Statement(sessionId, id, code, StatementState.WAITING, Optional.empty(), 0, now, Optional.empty(), Optional.empty());
    }

    public Statement withState(StatementState newState) {
        return new Statement(sessionId, id, code, newState, output, progress, submittedOn, startedOn, completedOn);
    }

    public Statement running(Instant now) {
        return new Statement(sessionId, id, code, StatementState.RUNNING, output, progress, submittedOn, Optional.of(now), completedOn);
    }

    public Statement withProgress(double newProgress) {
        return new Statement(sessionId, id, code, state, output, newProgress, submittedOn, startedOn, completedOn);
    }

    /** Finishes the statement; a statement that never started gets {@code now} as its start too. */
    public Statement completed(StatementState terminalState, Optional<StatementOutput> newOutput, Instant now) {
        if (!terminalState.isTerminal()) {
            throw new IllegalArgumentException("not a terminal state: " + terminalState);
        }
        double finalProgress = terminalState == StatementState.AVAILABLE ? 1.0 : progress;
        return new Statement(sessionId, id, code, terminalState, newOutput, finalProgress, submittedOn, Optional.of(startedOn.orElse(now)), Optional.of(now));
    }
}
