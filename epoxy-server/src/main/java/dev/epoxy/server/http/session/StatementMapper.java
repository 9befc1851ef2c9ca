package dev.epoxy.server.http.session;

import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.glue.model.session.GlueStatement;
import dev.epoxy.glue.model.session.GlueStatementOutput;
import dev.epoxy.glue.model.session.StatementOutputData;
import java.time.Instant;

/** Statements to their wire shape: StartedOn/CompletedOn in epoch milliseconds, Output.Status lowercase. */
public final class StatementMapper {
    private StatementMapper() {}

    public static GlueStatement toWire(Statement statement) {
        return new GlueStatement(
                statement.id(),
                statement.code(),
                statement.state().name(),
                statement.output().map(StatementMapper::toWire).orElse(null),
                statement.progress(),
                statement.startedOn().map(Instant::toEpochMilli).orElse(null),
                statement.completedOn().map(Instant::toEpochMilli).orElse(null));
    }

    static GlueStatementOutput toWire(StatementOutput output) {
        return new GlueStatementOutput(
                output.textPlain().map(StatementOutputData::new).orElse(null),
                output.executionCount(),
                // The kernel and dbt-glue compare against "ok"/"error", not the model's StatementState.
                output.status().wireValue(),
                output.errorName().orElse(null),
                output.errorValue().orElse(null),
                output.errorName().isPresent() || !output.traceback().isEmpty() ? output.traceback() : null);
    }
}
