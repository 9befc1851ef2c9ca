package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.Columns.getInstant;
import static dev.epoxy.jdbc.Columns.getOptionalInstant;
import static dev.epoxy.jdbc.Columns.getOptionalString;
import static dev.epoxy.jdbc.Columns.setOptionalInstant;
import static dev.epoxy.jdbc.Columns.setOptionalString;
import static dev.epoxy.jdbc.Columns.setText;

import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.session.SessionStatus;
import dev.epoxy.core.session.WorkerType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps {@link Session} to rows of the {@code sessions} table and back. */
final class SessionRows {
    /** The mutable columns, in the order {@link #bind} sets them. */
    static final String COLUMNS = "description, role, command_name, python_version, timeout_minutes, idle_timeout_minutes, "
            + "default_arguments, connections, worker_type, number_of_workers, max_capacity, security_configuration, "
            + "glue_version, request_origin, status, error_message, created_on, ready_on, completed_on, last_activity_on";

    static final int COLUMN_COUNT = 20;

    static final String SELECT = "SELECT id, " + COLUMNS + " FROM sessions";

    static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ", last_statement_id, id) VALUES ("
            + "?, ".repeat(COLUMN_COUNT) + "0, ?)";

    static final String UPDATE = "UPDATE sessions SET " + COLUMNS.replace(",", " = ?,") + " = ? WHERE id = ?";

    private SessionRows() {}

    /** Sets the {@link #COLUMNS} as parameters 1..{@link #COLUMN_COUNT}, then the id. */
    static void bind(PreparedStatement statement, Session session) throws SQLException {
        SessionSpec spec = session.spec();
        int index = 1;
        setOptionalString(statement, index++, spec.description());
        setText(statement, index++, spec.role());
        setText(statement, index++, spec.command().name());
        setText(statement, index++, spec.command().pythonVersion());
        statement.setInt(index++, spec.timeoutMinutes());
        statement.setInt(index++, spec.idleTimeoutMinutes());
        setText(statement, index++, StringCodec.encodeMap(spec.defaultArguments()));
        setText(statement, index++, StringCodec.encodeList(spec.connections()));
        setText(statement, index++, spec.capacity().workerType().wireName());
        statement.setInt(index++, spec.capacity().numberOfWorkers());
        statement.setDouble(index++, spec.capacity().maxCapacity());
        setOptionalString(statement, index++, spec.securityConfiguration());
        setText(statement, index++, spec.glueVersion());
        setOptionalString(statement, index++, spec.requestOrigin());
        setText(statement, index++, session.status().name());
        setOptionalString(statement, index++, session.errorMessage());
        statement.setLong(index++, session.createdOn().toEpochMilli());
        setOptionalInstant(statement, index++, session.readyOn());
        setOptionalInstant(statement, index++, session.completedOn());
        statement.setLong(index++, session.lastActivityOn().toEpochMilli());
        setText(statement, index, session.id().value());
    }

    /** Reads the current row of a result set of {@link #SELECT}. */
    static Session read(ResultSet row) throws SQLException {
        String workerTypeName = row.getString("worker_type");
        WorkerType workerType = WorkerType.fromWireName(workerTypeName)
                .orElseThrow(() -> new SQLException("Unknown worker type in sessions table: " + workerTypeName));
        SessionSpec spec = new SessionSpec(
                getOptionalString(row, "description"),
                row.getString("role"),
                new SessionCommand(row.getString("command_name"), row.getString("python_version")),
                row.getInt("timeout_minutes"),
                row.getInt("idle_timeout_minutes"),
                StringCodec.decodeMap(row.getString("default_arguments")),
                StringCodec.decodeList(row.getString("connections")),
                new Capacity(workerType, row.getInt("number_of_workers"), row.getDouble("max_capacity")),
                getOptionalString(row, "security_configuration"),
                row.getString("glue_version"),
                getOptionalString(row, "request_origin"));
        return new Session(
                new SessionId(row.getString("id")),
                spec,
                SessionStatus.valueOf(row.getString("status")),
                getOptionalString(row, "error_message"),
                getInstant(row, "created_on"),
                getOptionalInstant(row, "ready_on"),
                getOptionalInstant(row, "completed_on"),
                getInstant(row, "last_activity_on"));
    }
}
