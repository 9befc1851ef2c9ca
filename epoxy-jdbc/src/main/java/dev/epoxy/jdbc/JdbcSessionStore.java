package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.jdbc.Columns.setText;
import static dev.epoxy.core.ErrorCode.INTERNAL;
import static dev.epoxy.core.ErrorCode.SESSION_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.STATEMENT_NOT_FOUND;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.statement.PageLimit;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementPage;
import dev.epoxy.core.statement.StatementState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionStore} over JDBC: one schema (see {@code db/migration}) on embedded H2 or PostgreSQL.
 * Every lookup by id is a primary-key query; a page of statements reads only that page.
 *
 * <p>Statements hang off the session row's internal key. Deleting a session removes its row (and
 * tags) in one short transaction and records the key in {@code deleted_sessions}; a background
 * thread then purges that key's statements in small batches, so that neither DeleteSession nor any
 * other request holds a whole history in one transaction or in memory.
 */
public final class JdbcSessionStore implements SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSessionStore.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * Statements purged per transaction. One: H2 2.3 deletes large values one per transaction about
     * 15 times faster than 16 at a time, and the file grew 20-fold with 16 (100 outputs of 1 MiB:
     * 3 s and no growth, against 55 s and 4 GB).
     */
    static final int PURGE_BATCH_STATEMENTS = 1;
    private static final String UNFINISHED_STATES = Stream.of(StatementState.values())
            .filter(state -> !state.isTerminal())
            .map(state -> "'" + state.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    private final DataSource dataSource;
    private final ExecutorService purger = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-store-purge");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean purgeQueued = new AtomicBoolean();
    private volatile boolean closed;

    /** @param dataSource a migrated database, whose pool {@link JdbcStores} owns */
    JdbcSessionStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        // A previous server may have stopped in the middle of a purge.
        requestPurge();
    }

    @Override
    public void createSession(Session session) {
        requireNonNull(session, "session is null");
        inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(SessionRows.INSERT)) {
                SessionRows.bind(insert, session);
                insert.executeUpdate();
            }
            catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new EpoxyException(ALREADY_EXISTS, "Session already exists: %s", session.id());
                }
                throw e;
            }
            return null;
        }, "Cannot create session %s", session.id());
    }

    @Override
    public Optional<Session> findSession(SessionId id) {
        requireNonNull(id, "id is null");
        return query(SessionRows.SELECT + " WHERE id = ?", List.of(id.value()), SessionRows::read, "Cannot read session %s", id).stream().findFirst();
    }

    @Override
    public List<Session> listSessions() {
        return query(SessionRows.SELECT + " ORDER BY created_on, created_sequence", List.of(), SessionRows::read, "Cannot list sessions");
    }

    @Override
    public void updateSession(Session session) {
        requireNonNull(session, "session is null");
        int updated = inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(SessionRows.UPDATE)) {
                SessionRows.bind(update, session);
                return update.executeUpdate();
            }
        }, "Cannot update session %s", session.id());
        if (updated == 0) {
            throw sessionNotFound(session.id());
        }
    }

    @Override
    public boolean deleteSession(SessionId id) {
        requireNonNull(id, "id is null");
        // Statements stay behind under the row's key, unreachable, until the purge thread removes them.
        boolean deleted = inTransaction(connection -> {
            Optional<Long> key;
            try (PreparedStatement select = connection.prepareStatement("SELECT created_sequence FROM sessions WHERE id = ? FOR UPDATE")) {
                setText(select, 1, id.value());
                key = readAll(select, row -> row.getLong(1)).stream().findFirst();
            }
            if (key.isEmpty()) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deleted_sessions (session_key) VALUES (?)")) {
                insert.setLong(1, key.get());
                insert.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                setText(delete, 1, id.value());
                delete.executeUpdate();
            }
            return true;
        }, "Cannot delete session %s", id);
        if (deleted) {
            requestPurge();
        }
        return deleted;
    }

    @Override
    public Statement createStatement(SessionId sessionId, String code, Instant submittedOn) {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(code, "code is null");
        requireNonNull(submittedOn, "submittedOn is null");
        return inTransaction(connection -> {
            // The UPDATE takes the session row's lock until commit, so concurrent callers get distinct ids.
            try (PreparedStatement increment = connection.prepareStatement(
                    "UPDATE sessions SET last_statement_id = last_statement_id + 1 WHERE id = ?")) {
                setText(increment, 1, sessionId.value());
                if (increment.executeUpdate() == 0) {
                    throw sessionNotFound(sessionId);
                }
            }
            long key;
            int id;
            try (PreparedStatement select = connection.prepareStatement("SELECT created_sequence, last_statement_id FROM sessions WHERE id = ?")) {
                setText(select, 1, sessionId.value());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw sessionNotFound(sessionId);
                    }
                    key = row.getLong(1);
                    id = row.getInt(2);
                }
            }
            Statement statement = Statement.waiting(sessionId, id, code, submittedOn);
            try (PreparedStatement insert = connection.prepareStatement(StatementRows.INSERT)) {
                StatementRows.bindInsert(insert, key, statement);
                insert.executeUpdate();
            }
            return statement;
        }, "Cannot create statement in session %s", sessionId);
    }

    @Override
    public Optional<Statement> findStatement(SessionId sessionId, int statementId) {
        requireNonNull(sessionId, "sessionId is null");
        List<Statement> found = inConnection(connection -> {
            Optional<Long> key = sessionKey(connection, sessionId);
            if (key.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement select = connection.prepareStatement(StatementRows.SELECT + " AND s.id = ?")) {
                select.setLong(1, key.get());
                select.setInt(2, statementId);
                return readAll(select, row -> StatementRows.read(sessionId, row));
            }
        }, "Cannot read statement %s of session %s", statementId, sessionId);
        return found.stream().findFirst();
    }

    @Override
    public StatementPage listStatements(SessionId sessionId, int fromStatementId, PageLimit limit) {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(limit, "limit is null");
        return inConnection(connection -> {
            Optional<Long> key = sessionKey(connection, sessionId);
            if (key.isEmpty()) {
                return StatementPage.empty();
            }
            // First the sizes alone, to find where the page ends; then only the page's rows.
            int lastId = -1;
            Optional<Integer> nextId = Optional.empty();
            try (PreparedStatement sizes = connection.prepareStatement(
                    "SELECT id, json_bytes FROM statements WHERE session_key = ? AND id >= ? ORDER BY id")) {
                sizes.setLong(1, key.get());
                sizes.setInt(2, fromStatementId);
                if (limit.maxStatements() < Integer.MAX_VALUE) {
                    sizes.setMaxRows(limit.maxStatements() + 1);
                }
                try (ResultSet rows = sizes.executeQuery()) {
                    int count = 0;
                    long bytes = 0;
                    while (rows.next()) {
                        int id = rows.getInt(1);
                        long size = rows.getLong(2);
                        if (count > 0 && (count == limit.maxStatements() || bytes + size > limit.maxBytes())) {
                            nextId = Optional.of(id);
                            break;
                        }
                        count++;
                        bytes += size;
                        lastId = id;
                    }
                }
            }
            if (lastId < 0) {
                return StatementPage.empty();
            }
            try (PreparedStatement select = connection.prepareStatement(StatementRows.SELECT + " AND s.id >= ? AND s.id <= ? ORDER BY s.id")) {
                select.setLong(1, key.get());
                select.setInt(2, fromStatementId);
                select.setInt(3, lastId);
                return new StatementPage(readAll(select, row -> StatementRows.read(sessionId, row)), nextId);
            }
        }, "Cannot list statements of session %s", sessionId);
    }

    @Override
    public List<Statement> listUnfinishedStatements(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        return inConnection(connection -> {
            Optional<Long> key = sessionKey(connection, sessionId);
            if (key.isEmpty()) {
                return List.<Statement>of();
            }
            try (PreparedStatement select = connection.prepareStatement(StatementRows.SELECT + " AND s.state IN " + UNFINISHED_STATES + " ORDER BY s.id")) {
                select.setLong(1, key.get());
                return readAll(select, row -> StatementRows.read(sessionId, row));
            }
        }, "Cannot list statements of session %s", sessionId);
    }

    @Override
    public void updateStatement(Statement statement) {
        requireNonNull(statement, "statement is null");
        int updated = inTransaction(connection -> {
            Optional<Long> key = sessionKey(connection, statement.sessionId());
            if (key.isEmpty()) {
                return 0;
            }
            int rows;
            try (PreparedStatement update = connection.prepareStatement(StatementRows.UPDATE)) {
                StatementRows.bindUpdate(update, key.get(), statement);
                rows = update.executeUpdate();
            }
            if (rows == 0) {
                return 0;
            }
            // An output is written once, when the statement finishes; rewriting it in place is what H2 handles badly.
            Optional<Statement> stored = Optional.empty();
            try (PreparedStatement select = connection.prepareStatement(StatementRows.SELECT + " AND s.id = ?")) {
                select.setLong(1, key.get());
                select.setInt(2, statement.id());
                stored = readAll(select, row -> StatementRows.read(statement.sessionId(), row)).stream().findFirst();
            }
            if (!stored.map(Statement::output).equals(Optional.of(statement.output()))) {
                try (PreparedStatement delete = connection.prepareStatement(StatementRows.DELETE_OUTPUT)) {
                    delete.setLong(1, key.get());
                    delete.setInt(2, statement.id());
                    delete.executeUpdate();
                }
                if (statement.output().isPresent()) {
                    try (PreparedStatement insert = connection.prepareStatement(StatementRows.INSERT_OUTPUT)) {
                        StatementRows.bindOutput(insert, key.get(), statement.id(), statement.output().get());
                        insert.executeUpdate();
                    }
                }
            }
            return rows;
        }, "Cannot update statement %s of session %s", statement.id(), statement.sessionId());
        if (updated == 0) {
            throw new EpoxyException(STATEMENT_NOT_FOUND, "Statement %s not found in session %s", statement.id(), statement.sessionId());
        }
    }

    /** Stops the purge; {@link JdbcStores#close()} calls it before it closes the pool. */
    void close() {
        closed = true;
        // No interrupt: H2 closes its file when a thread is interrupted in the middle of a write.
        // The purge stops after its current batch; the next store resumes it.
        purger.shutdown();
        try {
            if (!purger.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The session store purge did not stop within 30 s; closing anyway");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a purge of deleted sessions' statements unless one is already queued. */
    private void requestPurge() {
        if (closed || !purgeQueued.compareAndSet(false, true)) {
            return;
        }
        purger.execute(() -> {
            purgeQueued.set(false);
            try {
                long purged = purgeDeletedSessions();
                if (purged > 0) {
                    LOG.info("Purged {} statements of deleted sessions", purged);
                }
            }
            catch (RuntimeException e) {
                // Left for the next deletion or the next start; the history stays unreachable meanwhile.
                if (closed) {
                    LOG.info("Purge of deleted sessions' statements stopped by the store closing; the next start resumes it");
                }
                else {
                    LOG.error("Cannot purge the statements of deleted sessions", e);
                }
            }
        });
    }

    /** Purges until no deleted session has statements left; returns how many statements went. */
    private long purgeDeletedSessions() {
        long purged = 0;
        while (!closed) {
            List<Long> keys = inConnection(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT session_key FROM deleted_sessions ORDER BY session_key")) {
                    return readAll(select, row -> row.getLong(1));
                }
            }, "Cannot read deleted sessions");
            if (keys.isEmpty()) {
                return purged;
            }
            for (long key : keys) {
                while (!closed && purgeBatch(key)) {
                    purged += PURGE_BATCH_STATEMENTS;
                }
            }
        }
        return purged;
    }

    /** Deletes the next few statements of a deleted session; false once none are left. */
    private boolean purgeBatch(long key) {
        return inTransaction(connection -> {
            int lastId = -1;
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM statements WHERE session_key = ? ORDER BY id")) {
                select.setLong(1, key);
                select.setMaxRows(PURGE_BATCH_STATEMENTS);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lastId = rows.getInt(1);
                    }
                }
            }
            if (lastId < 0) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM deleted_sessions WHERE session_key = ?")) {
                    delete.setLong(1, key);
                    delete.executeUpdate();
                }
                return false;
            }
            for (String table : List.of("statement_outputs WHERE session_key = ? AND statement_id <= ?", "statements WHERE session_key = ? AND id <= ?")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table)) {
                    delete.setLong(1, key);
                    delete.setInt(2, lastId);
                    delete.executeUpdate();
                }
            }
            return true;
        }, "Cannot purge statements of deleted session key %s", key);
    }

    private static Optional<Long> sessionKey(Connection connection, SessionId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT created_sequence FROM sessions WHERE id = ?")) {
            setText(select, 1, id.value());
            return readAll(select, row -> row.getLong(1)).stream().findFirst();
        }
    }

    private <T> List<T> query(String sql, List<String> parameters, RowReader<T> reader, String failureFormat, Object... args) {
        return inConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    setText(select, i + 1, parameters.get(i));
                }
                return readAll(select, reader);
            }
        }, failureFormat, args);
    }

    private static <T> List<T> readAll(PreparedStatement select, RowReader<T> reader) throws SQLException {
        List<T> values = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(reader.read(rows));
            }
        }
        return List.copyOf(values);
    }

    private <T> T inConnection(SqlWork<T> work, String failureFormat, Object... args) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        }
        catch (SQLException | RuntimeException e) {
            throw wrap(e, failureFormat, args);
        }
    }

    private <T> T inTransaction(SqlWork<T> work, String failureFormat, Object... args) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            }
            catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
        catch (SQLException | RuntimeException e) {
            throw wrap(e, failureFormat, args);
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        }
        catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static EpoxyException wrap(Exception e, String failureFormat, Object... args) {
        if (e instanceof EpoxyException epoxyException) {
            return epoxyException;
        }
        // Driver messages name tables and values, never the password, so the cause can be kept.
        return new EpoxyException(INTERNAL, e, failureFormat, args);
    }

    private static EpoxyException sessionNotFound(SessionId id) {
        return new EpoxyException(SESSION_NOT_FOUND, "Session not found: %s", id);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }
}
