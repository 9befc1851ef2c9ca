package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.jdbc.Columns.setText;
import static dev.epoxy.core.ErrorCode.INTERNAL;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.SESSION_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.STATEMENT_NOT_FOUND;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.statement.Statement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link SessionStore} over JDBC: one schema (see {@code db/migration}) on embedded H2 or PostgreSQL.
 * Every lookup by id is a single primary-key query; lists are one query each.
 */
public final class JdbcSessionStore implements SessionStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final AutoCloseable pool;

    /**
     * @param dataSource a migrated database
     * @param pool what {@link #close()} closes, usually the data source's pool
     */
    JdbcSessionStore(DataSource dataSource, AutoCloseable pool) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public void createSession(Session session, Map<String, String> tags) {
        requireNonNull(session, "session is null");
        requireNonNull(tags, "tags is null");
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
            insertTags(connection, session.id(), tags);
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
        // Tags and statements go with the session through ON DELETE CASCADE, in the same statement.
        return inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                setText(delete, 1, id.value());
                return delete.executeUpdate() > 0;
            }
        }, "Cannot delete session %s", id);
    }

    @Override
    public Map<String, String> getTags(SessionId id) {
        requireNonNull(id, "id is null");
        List<Map.Entry<String, String>> rows = query(
                "SELECT tag_key, tag_value FROM session_tags WHERE session_id = ? ORDER BY tag_key",
                List.of(id.value()),
                row -> Map.entry(row.getString("tag_key"), row.getString("tag_value")),
                "Cannot read tags of session %s", id);
        Map<String, String> tags = new LinkedHashMap<>();
        rows.forEach(entry -> tags.put(entry.getKey(), entry.getValue()));
        return Collections.unmodifiableMap(tags);
    }

    @Override
    public void tagSession(SessionId id, Map<String, String> tags) {
        requireNonNull(id, "id is null");
        requireNonNull(tags, "tags is null");
        inTransaction(connection -> {
            lockSession(connection, id);
            deleteTags(connection, id, tags.keySet());
            insertTags(connection, id, tags);
            int count = countTags(connection, id);
            if (count > MAX_TAGS) {
                // Thrown inside the transaction, so the tags are rolled back.
                throw new EpoxyException(INVALID_INPUT, "Cannot tag session %s: a session can have at most %s tags, and this would make %s", id, MAX_TAGS, count);
            }
            return null;
        }, "Cannot tag session %s", id);
    }

    @Override
    public void untagSession(SessionId id, Set<String> keys) {
        requireNonNull(id, "id is null");
        requireNonNull(keys, "keys is null");
        inTransaction(connection -> {
            lockSession(connection, id);
            deleteTags(connection, id, keys);
            return null;
        }, "Cannot untag session %s", id);
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
            int id;
            try (PreparedStatement select = connection.prepareStatement("SELECT last_statement_id FROM sessions WHERE id = ?")) {
                setText(select, 1, sessionId.value());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw sessionNotFound(sessionId);
                    }
                    id = row.getInt(1);
                }
            }
            Statement statement = Statement.waiting(sessionId, id, code, submittedOn);
            try (PreparedStatement insert = connection.prepareStatement(StatementRows.INSERT)) {
                StatementRows.bind(insert, statement);
                insert.executeUpdate();
            }
            return statement;
        }, "Cannot create statement in session %s", sessionId);
    }

    @Override
    public Optional<Statement> findStatement(SessionId sessionId, int statementId) {
        requireNonNull(sessionId, "sessionId is null");
        List<Statement> found = inConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(StatementRows.SELECT + " WHERE session_id = ? AND id = ?")) {
                setText(select, 1, sessionId.value());
                select.setInt(2, statementId);
                return readAll(select, StatementRows::read);
            }
        }, "Cannot read statement %s of session %s", statementId, sessionId);
        return found.stream().findFirst();
    }

    @Override
    public List<Statement> listStatements(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        return query(StatementRows.SELECT + " WHERE session_id = ? ORDER BY id", List.of(sessionId.value()), StatementRows::read,
                "Cannot list statements of session %s", sessionId);
    }

    @Override
    public void updateStatement(Statement statement) {
        requireNonNull(statement, "statement is null");
        int updated = inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(StatementRows.UPDATE)) {
                StatementRows.bind(update, statement);
                return update.executeUpdate();
            }
        }, "Cannot update statement %s of session %s", statement.id(), statement.sessionId());
        if (updated == 0) {
            throw new EpoxyException(STATEMENT_NOT_FOUND, "Statement %s not found in session %s", statement.id(), statement.sessionId());
        }
    }

    @Override
    public void close() {
        try {
            pool.close();
        }
        catch (Exception e) {
            throw new EpoxyException(INTERNAL, e, "Cannot close the session store");
        }
    }

    private static void lockSession(Connection connection, SessionId id) throws SQLException {
        // Serialises tag changes of one session and checks that it exists.
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM sessions WHERE id = ? FOR UPDATE")) {
            setText(select, 1, id.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw sessionNotFound(id);
                }
            }
        }
    }

    private static void insertTags(Connection connection, SessionId id, Map<String, String> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session_tags (session_id, tag_key, tag_value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                setText(insert, 1, id.value());
                setText(insert, 2, tag.getKey());
                setText(insert, 3, tag.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static int countTags(Connection connection, SessionId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM session_tags WHERE session_id = ?")) {
            setText(select, 1, id.value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void deleteTags(Connection connection, SessionId id, Set<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM session_tags WHERE session_id = ? AND tag_key = ?")) {
            for (String key : keys) {
                setText(delete, 1, id.value());
                setText(delete, 2, key);
                delete.addBatch();
            }
            delete.executeBatch();
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
