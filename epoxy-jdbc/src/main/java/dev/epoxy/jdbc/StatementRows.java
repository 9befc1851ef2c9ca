package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.Columns.getInstant;
import static dev.epoxy.jdbc.Columns.getOptionalInstant;
import static dev.epoxy.jdbc.Columns.getOptionalString;
import static dev.epoxy.jdbc.Columns.setOptionalInstant;
import static dev.epoxy.jdbc.Columns.setOptionalString;
import static dev.epoxy.jdbc.Columns.setText;

import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.PageLimit;
import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementDisplay;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Maps {@link Statement} to rows of the {@code statements} table (plus one {@code statement_outputs}
 * row when it has an output) and back. Rows belong to a session row through its internal key
 * ({@code sessions.created_sequence}), so the session id is not stored with each statement. The
 * code and the output are each written once: rewriting a row that holds a large value is what made
 * H2 files grow without bound.
 */
final class StatementRows {
    /** Selects the statements of one session key with their outputs; append conditions with {@code AND}. */
    static final String SELECT = "SELECT s.id, s.code, s.state, s.progress, s.submitted_on, s.started_on, s.completed_on, "
            + "o.output_status, o.output_execution_count, o.output_text, o.output_error_name, o.output_error_value, o.output_traceback, "
            + "o.output_mime_type, o.output_result "
            + "FROM statements s LEFT JOIN statement_outputs o ON o.session_key = s.session_key AND o.statement_id = s.id "
            + "WHERE s.session_key = ?";

    /** Parameters: see {@link #bindInsert}. */
    static final String INSERT = "INSERT INTO statements (session_key, id, code, state, progress, submitted_on, started_on, completed_on, json_bytes) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Parameters: see {@link #bindUpdate}; the statement's code never changes. */
    static final String UPDATE = "UPDATE statements SET state = ?, progress = ?, started_on = ?, completed_on = ?, json_bytes = ? "
            + "WHERE session_key = ? AND id = ?";

    static final String DELETE_OUTPUT = "DELETE FROM statement_outputs WHERE session_key = ? AND statement_id = ?";

    static final String INSERT_OUTPUT = "INSERT INTO statement_outputs (session_key, statement_id, output_status, output_execution_count, "
            + "output_text, output_error_name, output_error_value, output_traceback, output_mime_type, output_result) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private StatementRows() {}

    static void bindInsert(PreparedStatement statement, long sessionKey, Statement value) throws SQLException {
        statement.setLong(1, sessionKey);
        statement.setInt(2, value.id());
        setText(statement, 3, value.code());
        setText(statement, 4, value.state().name());
        statement.setDouble(5, value.progress());
        statement.setLong(6, value.submittedOn().toEpochMilli());
        setOptionalInstant(statement, 7, value.startedOn());
        setOptionalInstant(statement, 8, value.completedOn());
        statement.setLong(9, PageLimit.sizeOf(value));
    }

    static void bindUpdate(PreparedStatement statement, long sessionKey, Statement value) throws SQLException {
        setText(statement, 1, value.state().name());
        statement.setDouble(2, value.progress());
        setOptionalInstant(statement, 3, value.startedOn());
        setOptionalInstant(statement, 4, value.completedOn());
        statement.setLong(5, PageLimit.sizeOf(value));
        statement.setLong(6, sessionKey);
        statement.setInt(7, value.id());
    }

    static void bindOutput(PreparedStatement statement, long sessionKey, int statementId, StatementOutput output) throws SQLException {
        statement.setLong(1, sessionKey);
        statement.setInt(2, statementId);
        setText(statement, 3, output.status().name());
        statement.setInt(4, output.executionCount());
        setOptionalString(statement, 5, output.textPlain());
        setOptionalString(statement, 6, output.errorName());
        setOptionalString(statement, 7, output.errorValue());
        setText(statement, 8, StringCodec.encodeList(output.traceback()));
        setOptionalString(statement, 9, output.display().map(StatementDisplay::mimeType));
        setOptionalString(statement, 10, output.display().map(StatementDisplay::data));
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

    private static Optional<StatementOutput> readOutput(ResultSet row) throws SQLException {
        Optional<String> status = getOptionalString(row, "output_status");
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> mimeType = getOptionalString(row, "output_mime_type");
        Optional<String> result = getOptionalString(row, "output_result");
        return Optional.of(new StatementOutput(
                OutputStatus.valueOf(status.get()),
                row.getInt("output_execution_count"),
                getOptionalString(row, "output_text"),
                getOptionalString(row, "output_error_name"),
                getOptionalString(row, "output_error_value"),
                StringCodec.decodeList(row.getString("output_traceback")),
                mimeType.isPresent() && result.isPresent()
                        ? Optional.of(new StatementDisplay(mimeType.get(), result.get()))
                        : Optional.empty()));
    }
}
