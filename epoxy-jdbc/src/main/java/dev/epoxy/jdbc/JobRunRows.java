package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.Columns.getInstant;
import static dev.epoxy.jdbc.Columns.getOptionalInstant;
import static dev.epoxy.jdbc.Columns.getOptionalString;
import static dev.epoxy.jdbc.Columns.setOptionalInstant;
import static dev.epoxy.jdbc.Columns.setOptionalString;
import static dev.epoxy.jdbc.Columns.setText;

import dev.epoxy.core.job.JobCapacity;
import dev.epoxy.core.job.JobCommandName;
import dev.epoxy.core.job.JobRun;
import dev.epoxy.core.job.JobRunState;
import dev.epoxy.core.session.WorkerType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** The SQL and the row mapping of {@code job_runs} (V8). */
final class JobRunRows {
    private static final String COLUMNS = "id, job_name, attempt, previous_run_id, state, started_on, running_on, last_modified_on, completed_on, "
            + "arguments, error_message, timeout_minutes, command_name, worker_type, number_of_workers, max_capacity, glue_version, execution_class";
    static final String SELECT = "SELECT " + COLUMNS + " FROM job_runs";
    /** Binds like {@link #bind}, then the run number. */
    static final String INSERT = "INSERT INTO job_runs (" + COLUMNS + ", run_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Binds like {@link #bind} (id and job first, ignored by the SET list), then the id and the expected state. */
    static final String UPDATE = "UPDATE job_runs SET id = ?, job_name = ?, attempt = ?, previous_run_id = ?, state = ?, started_on = ?, running_on = ?, "
            + "last_modified_on = ?, completed_on = ?, arguments = ?, error_message = ?, timeout_minutes = ?, command_name = ?, worker_type = ?, "
            + "number_of_workers = ?, max_capacity = ?, glue_version = ?, execution_class = ? WHERE id = ? AND state = ?";
    static final int BOUND_COLUMNS = 18;

    private JobRunRows() {}

    static void bind(PreparedStatement statement, JobRun run) throws SQLException {
        setText(statement, 1, run.id());
        setText(statement, 2, run.jobName());
        statement.setInt(3, run.attempt());
        setOptionalString(statement, 4, run.previousRunId());
        statement.setString(5, run.state().name());
        statement.setLong(6, run.startedOn().toEpochMilli());
        setOptionalInstant(statement, 7, run.runningOn());
        statement.setLong(8, run.lastModifiedOn().toEpochMilli());
        setOptionalInstant(statement, 9, run.completedOn());
        setText(statement, 10, StringCodec.encodeMap(run.arguments()));
        setOptionalString(statement, 11, run.errorMessage());
        statement.setInt(12, run.timeoutMinutes());
        statement.setString(13, run.command().name());
        setOptionalString(statement, 14, run.capacity().workerType().map(WorkerType::name));
        if (run.capacity().numberOfWorkers().isPresent()) {
            statement.setInt(15, run.capacity().numberOfWorkers().get());
        }
        else {
            statement.setNull(15, Types.INTEGER);
        }
        statement.setDouble(16, run.capacity().maxCapacity());
        setText(statement, 17, run.glueVersion());
        setOptionalString(statement, 18, run.executionClass());
    }

    static JobRun read(ResultSet row) throws SQLException {
        Optional<WorkerType> workerType = getOptionalString(row, "worker_type").map(WorkerType::valueOf);
        int workers = row.getInt("number_of_workers");
        Optional<Integer> numberOfWorkers = row.wasNull() ? Optional.empty() : Optional.of(workers);
        JobCapacity capacity = new JobCapacity(workerType, numberOfWorkers, row.getDouble("max_capacity"));
        return new JobRun(
                row.getString("id"),
                row.getString("job_name"),
                row.getInt("attempt"),
                getOptionalString(row, "previous_run_id"),
                JobRunState.valueOf(row.getString("state")),
                getInstant(row, "started_on"),
                getOptionalInstant(row, "running_on"),
                getInstant(row, "last_modified_on"),
                getOptionalInstant(row, "completed_on"),
                StringCodec.decodeMap(row.getString("arguments")),
                getOptionalString(row, "error_message"),
                row.getInt("timeout_minutes"),
                JobCommandName.valueOf(row.getString("command_name")),
                capacity,
                row.getString("glue_version"),
                getOptionalString(row, "execution_class"));
    }
}
