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

/**
 * Maps {@link Statement} to rows of the {@code statements} table and back. Rows belong to a session
 * row through its internal key ({@code sessions.created_sequence}), so the session id is not stored
 * with each statement.
 */
final class StatementRows {
    /** The mutable columns, in the order {@link #bind} sets them. */
    static final String COLUMNS = "code, state, progress, submitted_on, started_on, completed_on, output_status, "
            + "output_execution_count, output_text, output_error_name, output_error_value, output_traceback, stored_chars";

    static final int COLUMN_COUNT = 13;

    /** Selects the rows of one session key; append conditions with {@code AND}. */
    static final String SELECT = "SELECT id, " + COLUMNS + " FROM statements WHERE session_key = ?";

    /** Parameters: the {@link #COLUMNS}, then the session key and the id. */
    static final String INSERT = "INSERT INTO statements (" + COLUMNS + ", session_key, id) VALUES ("
            + "?, ".repeat(COLUMN_COUNT) + "?, ?)";

    /** Parameters: the {@link #COLUMNS}, then the session id and the statement id. */
    static final String UPDATE = "UPDATE statements SET " + COLUMNS.replace(",", " = ?,") + " = ? "
            + "WHERE session_key = (SELECT created_sequence FROM sessions WHERE id = ?) AND id = ?";

    private StatementRows() {}

    /** Sets the {@link #COLUMNS} as parameters 1..{@link #COLUMN_COUNT}. */
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
        Optional<String> text = output.flatMap(StatementOutput::textPlain);
        Optional<String> errorName = output.flatMap(StatementOutput::errorName);
        Optional<String> errorValue = output.flatMap(StatementOutput::errorValue);
        Optional<String> traceback = output.map(present -> StringCodec.encodeList(present.traceback()));
        setOptionalString(statement, index++, text);
        setOptionalString(statement, index++, errorName);
        setOptionalString(statement, index++, errorValue);
        setOptionalString(statement, index++, traceback);
        statement.setLong(index, (long) value.code().length() + length(text) + length(errorName) + length(errorValue) + length(traceback));
    }

    /** Reads the current row of a result set of {@link #SELECT}, a statement of the given session. */
    static Statement read(SessionId sessionId, ResultSet row) throws SQLException {
        return new Statement(
                sessionId,
                row.getInt("id"),
                row.getString("code"),
                StatementState.valueOf(row.getString("state")),
                readOutput(row),
                row.getDouble("progress"),
                getInstant(row, "submitted_on"),
                getOptionalInstant(row, "started_on"),
                getOptionalInstant(row, "completed_on"));
    }

    private static long length(Optional<String> value) {
        return value.map(String::length).orElse(0);
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
