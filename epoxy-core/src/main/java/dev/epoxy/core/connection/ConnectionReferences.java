package dev.epoxy.core.connection;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;

import dev.epoxy.core.EpoxyException;
import java.util.List;

/**
 * Checks the connections a session or a job names ({@code Connections.Connections}) before anything
 * starts, so that a missing one is the caller's error naming it, not a failure inside a driver.
 */
@FunctionalInterface
public interface ConnectionReferences {
    /** A server that serves no connections: every name is unknown. */
    ConnectionReferences NONE = (user, names) -> {
        if (!names.isEmpty()) {
            throw new EpoxyException(INVALID_INPUT, "Cannot use connection %s for %s: connection not found", names.get(0), user);
        }
    };

    /**
     * @param user what names them, for the message: {@code "session <id>"}, {@code "job <name>"}
     * @throws EpoxyException {@code INVALID_INPUT} naming the first connection that does not exist
     */
    void checkExist(String user, List<String> names);
}
