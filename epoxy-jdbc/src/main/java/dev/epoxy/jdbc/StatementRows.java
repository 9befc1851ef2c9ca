package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.Columns.getInstant;
import static dev.epoxy.jdbc.Columns.getOptionalInstant;
import static dev.epoxy.jdbc.Columns.getOptionalString;
import static dev.epoxy.jdbc.Columns.setOptionalInstant;
import static dev.epoxy.jdbc.Columns.setOptionalString;
import static dev.epoxy.jdbc.Columns.setText;

import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** Maps {@link Statement} to rows of the {@code statements} table and back. */
final class StatementRows {
    /** The mutable columns, in the order {@link #bind} sets them. */
    static final String COLUMNS = "code, state, progress, submitted_on, started_on, completed_on, output_status, "
            + "output_execution_count, output_text, output_error_name, output_error_value, output_traceback";

    static final int COLUMN_COUNT = 12;

    static final String SELECT = "SELECT session_id, id, " + COLUMNS + " FROM statements";

    static final String INSERT = "INSERT INTO statements (" + COLUMNS + ", session_id, id) VALUES ("
            + "?, ".repeat(COLUMN_COUNT) + "?, ?)";

    static final String UPDATE = "UPDATE statements SET " + COLUMNS.replace(",", " = ?,") + " = ? WHERE session_id = ? AND id = ?";

    private StatementRows() {}

    /** Sets the {@link #COLUMNS} as parameters 1..{@link #COLUMN_COUNT}, then the session id and id. */
    static void bind(PreparedStatement statement, Statement value) throws SQLException {
        int index = 1;
        setText(statement, index++, value.code());
        setText(statement, index++, value.state().name());
        statement.setDouble(index++, value.progress());
        statement.setLong(index++, value.submittedOn().toEpochMilli());
        setOptionalInstant(statement, index++, value.startedOn());
        setOptionalInstant(statement, index++, value.completedOn());
        Optional<StatementOutput> output = value.output();
        setOptionalString(statement, index++, output.map(present -> present.status().name()));
        if (output.isPresent()) {
            statement.setInt(index++, output.get().executionCount());
        }
        else {
            statement.setNull(index++, Types.INTEGER);
        }
        setOptionalString(statement, index++, output.flatMap(StatementOutput::textPlain));
        setOptionalString(statement, index++, output.flatMap(StatementOutput::errorName));
        setOptionalString(statement, index++, output.flatMap(StatementOutput::errorValue));
        setOptionalString(statement, index++, output.map(present -> StringCodec.encodeList(present.traceback())));
        setText(statement, index++, value.sessionId().value());
        statement.setInt(index, value.id());
    }

    /** Reads the current row of a result set of {@link #SELECT}. */
    static Statement read(ResultSet row) throws SQLException {
        return new Statement(
                new SessionId(row.getString("session_id")),
                row.getInt("id"),
                row.getString("code"),
                StatementState.valueOf(row.getString("state")),
                readOutput(row),
                row.getDouble("progress"),
                getInstant(row, "submitted_on"),
                getOptionalInstant(row, "started_on"),
                getOptionalInstant(row, "completed_on"));
    }

    private static Optional<StatementOutput> readOutput(ResultSet row) throws SQLException {
        Optional<String> status = getOptionalString(row, "output_status");
        if (status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StatementOutput(
                OutputStatus.valueOf(status.get()),
                row.getInt("output_execution_count"),
                getOptionalString(row, "output_text"),
                getOptionalString(row, "output_error_name"),
                getOptionalString(row, "output_error_value"),
                StringCodec.decodeList(row.getString("output_traceback"))));
    }
}
