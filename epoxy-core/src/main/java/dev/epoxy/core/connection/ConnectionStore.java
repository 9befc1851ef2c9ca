package dev.epoxy.core.connection;

import java.util.List;
import java.util.Optional;

/** Glue connections of the server's one catalog, by name (lower-case, as the catalog's names). */
public interface ConnectionStore {
    /** @throws dev.epoxy.core.EpoxyException {@code ALREADY_EXISTS} when the name is taken */
    void createConnection(StoredConnection connection);

    Optional<StoredConnection> findConnection(String name);

    /** At most {@code limit} connections in name order, after {@code afterName} when given. */
    List<StoredConnection> listConnections(Optional<String> afterName, int limit);

    /** Replaces the document and the sealed secret, keeping the creation time; false when there is no such connection. */
    boolean updateConnection(StoredConnection connection);

    /** False when there was no such connection. */
    boolean deleteConnection(String name);
}
