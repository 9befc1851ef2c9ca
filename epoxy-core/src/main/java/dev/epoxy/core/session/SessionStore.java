package dev.epoxy.core.session;

import dev.epoxy.core.statement.PageLimit;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of sessions and their statements. The store is the single source of truth: the
 * session service writes a statement here before it dispatches it to a driver.
 *
 * <p>Implementations are thread-safe. Every method fails with {@code INTERNAL} when the database
 * cannot be reached. A store lives as long as the {@link dev.epoxy.core.store.Stores} that handed it out.
 */
public interface SessionStore {
    /**
     * Stores a new session (its tags live in the {@link dev.epoxy.core.tag.TagStore}).
     *
     * @throws dev.epoxy.core.EpoxyException {@code ALREADY_EXISTS} if a session with this id exists
     */
    void createSession(Session session);

    Optional<Session> findSession(SessionId id);

    /** All sessions, oldest first; empty when there are none. */
    List<Session> listSessions();

    /**
     * Replaces the stored session with the same id.
     *
     * @throws dev.epoxy.core.EpoxyException {@code SESSION_NOT_FOUND} if it does not exist
     */
    void updateSession(Session session);

    /**
     * Deletes the session with its statements; returns whether it existed. The id can be
     * used again at once and the deleted statements are never seen again, however large the history:
     * the store may reclaim their space later, in the background.
     */
    boolean deleteSession(SessionId id);

    /**
     * Stores a new WAITING statement with the next id of the session (1 for the first statement),
     * atomically with respect to concurrent calls for the same session.
     *
     * @throws dev.epoxy.core.EpoxyException {@code SESSION_NOT_FOUND} if the session does not exist
     */
    Statement createStatement(SessionId sessionId, String code, Instant submittedOn);

    Optional<Statement> findStatement(SessionId sessionId, int statementId);

    /**
     * One page of the session's statements in id order, starting at the first statement whose id is
     * at least {@code fromStatementId}, within {@code limit}; only that page is read. Empty when the
     * session has no such statements or does not exist.
     */
    StatementPage listStatements(SessionId sessionId, int fromStatementId, PageLimit limit);

    /** The session's statements that are not finished (WAITING, RUNNING, CANCELLING), in id order. */
    List<Statement> listUnfinishedStatements(SessionId sessionId);

    /**
     * Replaces the stored statement with the same session id and id.
     *
     * @throws dev.epoxy.core.EpoxyException {@code STATEMENT_NOT_FOUND} if it does not exist
     */
    void updateStatement(Statement statement);
}
