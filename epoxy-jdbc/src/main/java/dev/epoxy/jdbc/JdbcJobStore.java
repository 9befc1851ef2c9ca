package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.JOB_NOT_FOUND;
import static dev.epoxy.jdbc.Columns.getInstant;
import static dev.epoxy.jdbc.Columns.getOptionalString;
import static dev.epoxy.jdbc.Columns.setOptionalString;
import static dev.epoxy.jdbc.Columns.setText;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.job.BookmarkUpdate;
import dev.epoxy.core.job.Job;
import dev.epoxy.core.job.JobBookmarkEntry;
import dev.epoxy.core.job.JobRun;
import dev.epoxy.core.job.JobRunState;
import dev.epoxy.core.job.JobStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link JobStore} over JDBC (the tables of V8), on H2 or PostgreSQL. What must be atomic with a job's
 * other changes (a run within MaxConcurrentRuns, a bookmark version) first locks the job's row
 * ({@code SELECT ... FOR UPDATE}), so that concurrent starts and commits of one job queue up.
 */
public final class JdbcJobStore implements JobStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String ACTIVE_STATES = Arrays.stream(JobRunState.values()).filter(JobRunState::isActive)
            .map(state -> "'" + state.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private final JdbcWork work;

    /** @param dataSource a migrated database, shared with the other stores ({@link JdbcStores}) */
    JdbcJobStore(DataSource dataSource) {
        this.work = new JdbcWork(dataSource);
    }

    @Override
    public void createJob(Job job) {
        requireNonNull(job, "job is null");
        work.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO jobs (name, document, created_on, last_modified_on) VALUES (?, ?, ?, ?)")) {
                setText(insert, 1, job.name());
                setText(insert, 2, job.document());
                insert.setLong(3, job.createdOn().toEpochMilli());
                insert.setLong(4, job.lastModifiedOn().toEpochMilli());
                insert.executeUpdate();
            }
            catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new EpoxyException(ALREADY_EXISTS, "Job already exists: %s", job.name());
                }
                throw e;
            }
            return null;
        }, "Cannot create job %s", job.name());
    }

    @Override
    public Optional<Job> findJob(String name) {
        requireNonNull(name, "name is null");
        return work.query("SELECT * FROM jobs WHERE name = ?", List.of(name), JdbcJobStore::readJob, "Cannot read job %s", name).stream().findFirst();
    }

    @Override
    public List<Job> listJobs(Optional<String> afterName, int limit) {
        requireNonNull(afterName, "afterName is null");
        return work.inConnection(connection -> {
            String where = afterName.isPresent() ? " WHERE name > ?" : "";
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM jobs" + where + " ORDER BY name")) {
                if (afterName.isPresent()) {
                    setText(select, 1, afterName.get());
                }
                select.setMaxRows(limit);
                return JdbcWork.readAll(select, JdbcJobStore::readJob);
            }
        }, "Cannot list jobs");
    }

    @Override
    public boolean updateJob(Job job) {
        requireNonNull(job, "job is null");
        return work.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET document = ?, last_modified_on = ? WHERE name = ?")) {
                setText(update, 1, job.document());
                update.setLong(2, job.lastModifiedOn().toEpochMilli());
                setText(update, 3, job.name());
                return update.executeUpdate() == 1;
            }
        }, "Cannot update job %s", job.name());
    }

    @Override
    public boolean deleteJob(String name) {
        requireNonNull(name, "name is null");
        return work.inTransaction(connection -> {
            // Explicitly, not only through the cascades: the order of the three keeps the foreign keys satisfied on both databases.
            execute(connection, "DELETE FROM job_bookmarks WHERE job_name = ?", name);
            execute(connection, "DELETE FROM job_runs WHERE job_name = ?", name);
            return execute(connection, "DELETE FROM jobs WHERE name = ?", name) == 1;
        }, "Cannot delete job %s", name);
    }

    @Override
    public boolean createRun(JobRun run, int maxActiveRuns) {
        requireNonNull(run, "run is null");
        return work.inTransaction(connection -> {
            if (!lockJob(connection, run.jobName())) {
                throw new EpoxyException(JOB_NOT_FOUND, "Job not found: %s", run.jobName());
            }
            long active;
            long nextNumber;
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(CASE WHEN state IN " + ACTIVE_STATES + " THEN 1 END), COALESCE(MAX(run_number), 0) + 1 FROM job_runs WHERE job_name = ?")) {
                setText(count, 1, run.jobName());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    active = row.getLong(1);
                    nextNumber = row.getLong(2);
                }
            }
            if (active >= maxActiveRuns) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(JobRunRows.INSERT)) {
                JobRunRows.bind(insert, run);
                insert.setLong(JobRunRows.BOUND_COLUMNS + 1, nextNumber);
                insert.executeUpdate();
            }
            return true;
        }, "Cannot create run %s of job %s", run.id(), run.jobName());
    }

    @Override
    public Optional<JobRun> findRun(String jobName, String runId) {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(runId, "runId is null");
        return work.query(JobRunRows.SELECT + " WHERE job_name = ? AND id = ?", List.of(jobName, runId), JobRunRows::read,
                "Cannot read run %s of job %s", runId, jobName).stream().findFirst();
    }

    @Override
    public List<JobRun> listRuns(String jobName, Optional<String> afterRunId, int limit) {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(afterRunId, "afterRunId is null");
        return work.inConnection(connection -> {
            String after = afterRunId.isPresent()
                    ? " AND run_number < (SELECT run_number FROM job_runs WHERE job_name = ? AND id = ?)"
                    : "";
            try (PreparedStatement select = connection.prepareStatement(JobRunRows.SELECT + " WHERE job_name = ?" + after + " ORDER BY run_number DESC")) {
                setText(select, 1, jobName);
                if (afterRunId.isPresent()) {
                    setText(select, 2, jobName);
                    setText(select, 3, afterRunId.get());
                }
                select.setMaxRows(limit);
                return JdbcWork.readAll(select, JobRunRows::read);
            }
        }, "Cannot list runs of job %s", jobName);
    }

    @Override
    public List<JobRun> listActiveRuns() {
        return work.query(JobRunRows.SELECT + " WHERE state IN " + ACTIVE_STATES + " ORDER BY job_name, run_number", List.of(), JobRunRows::read,
                "Cannot list active job runs");
    }

    @Override
    public boolean updateRun(JobRun run, JobRunState expected) {
        return endRun(run, expected, Optional.empty());
    }

    @Override
    public boolean endRun(JobRun run, JobRunState expected, Optional<BookmarkUpdate.Commit> bookmark) {
        requireNonNull(run, "run is null");
        requireNonNull(expected, "expected is null");
        requireNonNull(bookmark, "bookmark is null");
        return work.inTransaction(connection -> {
            if (bookmark.isPresent() && !lockJob(connection, run.jobName())) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement(JobRunRows.UPDATE)) {
                JobRunRows.bind(update, run);
                setText(update, JobRunRows.BOUND_COLUMNS + 1, run.id());
                update.setString(JobRunRows.BOUND_COLUMNS + 2, expected.name());
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            if (bookmark.isPresent()) {
                append(connection, run.jobName(), bookmark.get());
            }
            return true;
        }, "Cannot update run %s of job %s", run.id(), run.jobName());
    }

    @Override
    public Optional<JobBookmarkEntry> findBookmark(String jobName) {
        requireNonNull(jobName, "jobName is null");
        return work.inConnection(connection -> latest(connection, jobName), "Cannot read the bookmark of job %s", jobName);
    }

    @Override
    public Optional<JobBookmarkEntry> findBookmarkOfRun(String jobName, String runId) {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(runId, "runId is null");
        return work.inConnection(connection -> committedBy(connection, jobName, runId), "Cannot read the bookmark of job %s", jobName);
    }

    @Override
    public JobBookmarkEntry appendBookmark(String jobName, BookmarkUpdate update) {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(update, "update is null");
        return work.inTransaction(connection -> {
            if (!lockJob(connection, jobName)) {
                throw new EpoxyException(JOB_NOT_FOUND, "Job not found: %s", jobName);
            }
            return append(connection, jobName, update);
        }, "Cannot change the bookmark of job %s", jobName);
    }

    private static JobBookmarkEntry append(Connection connection, String jobName, BookmarkUpdate update) throws SQLException {
        Optional<JobBookmarkEntry> latest = latest(connection, jobName);
        int version = latest.map(JobBookmarkEntry::version).orElse(0) + 1;
        int runs = latest.map(JobBookmarkEntry::run).orElse(0);
        JobBookmarkEntry entry;
        if (update instanceof BookmarkUpdate.Commit commit) {
            entry = new JobBookmarkEntry(jobName, version, runs + 1, commit.attempt(), commit.previousRunId(), Optional.of(commit.runId()), Optional.of(commit.state()));
        }
        else if (update instanceof BookmarkUpdate.RewindTo rewind) {
            JobBookmarkEntry committed = committedBy(connection, jobName, rewind.runId()).orElseThrow(() ->
                    new EpoxyException(ENTITY_NOT_FOUND, "Cannot rewind the bookmark of job %s: run %s committed no bookmark", jobName, rewind.runId()));
            entry = new JobBookmarkEntry(jobName, version, committed.run(), committed.attempt(), committed.previousRunId(), committed.runId(), committed.jobBookmark());
        }
        else {
            entry = new JobBookmarkEntry(jobName, version, runs, 0, Optional.empty(), Optional.empty(), Optional.empty());
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job_bookmarks (job_name, version, run, attempt, previous_run_id, run_id, state) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            setText(insert, 1, jobName);
            insert.setInt(2, entry.version());
            insert.setInt(3, entry.run());
            insert.setInt(4, entry.attempt());
            setOptionalString(insert, 5, entry.previousRunId());
            setOptionalString(insert, 6, entry.runId());
            setOptionalString(insert, 7, entry.jobBookmark());
            insert.executeUpdate();
        }
        return entry;
    }

    private static Optional<JobBookmarkEntry> latest(Connection connection, String jobName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM job_bookmarks WHERE job_name = ? ORDER BY version DESC")) {
            setText(select, 1, jobName);
            select.setMaxRows(1);
            return JdbcWork.readAll(select, JdbcJobStore::readBookmark).stream().findFirst();
        }
    }

    /** The newest entry whose state run {@code runId} committed (a rewind copies the run id, so the original is the oldest). */
    private static Optional<JobBookmarkEntry> committedBy(Connection connection, String jobName, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM job_bookmarks WHERE job_name = ? AND run_id = ? ORDER BY version")) {
            setText(select, 1, jobName);
            setText(select, 2, runId);
            select.setMaxRows(1);
            return JdbcWork.readAll(select, JdbcJobStore::readBookmark).stream().findFirst();
        }
    }

    /** Locks the job's row for the transaction. @return whether the job exists */
    private static boolean lockJob(Connection connection, String jobName) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT name FROM jobs WHERE name = ? FOR UPDATE")) {
            setText(lock, 1, jobName);
            try (ResultSet row = lock.executeQuery()) {
                return row.next();
            }
        }
    }

    private static int execute(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            setText(statement, 1, parameter);
            return statement.executeUpdate();
        }
    }

    private static Job readJob(ResultSet row) throws SQLException {
        return new Job(row.getString("name"), row.getString("document"), getInstant(row, "created_on"), getInstant(row, "last_modified_on"));
    }

    private static JobBookmarkEntry readBookmark(ResultSet row) throws SQLException {
        return new JobBookmarkEntry(row.getString("job_name"), row.getInt("version"), row.getInt("run"), row.getInt("attempt"),
                getOptionalString(row, "previous_run_id"), getOptionalString(row, "run_id"), getOptionalString(row, "state"));
    }
}
