package dev.epoxy.server.http.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.glue.model.session.GlueStatement;
import dev.epoxy.glue.model.session.GlueStatementOutput;
import dev.epoxy.glue.model.session.StatementOutputData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestStatementMapper {
    private static final SessionId SESSION = new SessionId("s1");
    private static final Instant SUBMITTED = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void waitingStatementHasNoTimesOrOutput() {
        GlueStatement wire = StatementMapper.toWire(Statement.waiting(SESSION, 1, "1+1", SUBMITTED));
        assertThat(wire).isEqualTo(new GlueStatement(1, "1+1", "WAITING", null, 0.0, null, null));
    }

    @Test
    void finishedStatementTimesAreEpochMillis() {
        Statement statement = Statement.waiting(SESSION, 2, "print('hello world')", SUBMITTED)
                .running(SUBMITTED.plusMillis(5))
                .completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(2, "hello world")), SUBMITTED.plusMillis(25));
        assertThat(StatementMapper.toWire(statement)).isEqualTo(new GlueStatement(2, "print('hello world')", "AVAILABLE",
                new GlueStatementOutput(new StatementOutputData("hello world"), 2, "ok", null, null, null), 1.0,
                1_700_000_000_005L, 1_700_000_000_025L));
    }

    @Test
    void errorOutputIsLowercaseWithTraceback() {
        StatementOutput output = StatementOutput.error(3, "ZeroDivisionError", "division by zero", List.of("Traceback (most recent call last):\n", "ZeroDivisionError: division by zero\n"));
        assertThat(StatementMapper.toWire(output)).isEqualTo(new GlueStatementOutput(null, 3, "error", "ZeroDivisionError", "division by zero",
                List.of("Traceback (most recent call last):\n", "ZeroDivisionError: division by zero\n")));
    }
}
