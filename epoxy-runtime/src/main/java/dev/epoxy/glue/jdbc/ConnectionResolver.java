package dev.epoxy.glue.jdbc;

import java.util.Optional;

/** Finds a Glue connection's JDBC properties by name ({@code connectionName}, {@code catalog_connection}). */
@FunctionalInterface
public interface ConnectionResolver {
    /**
     * @throws dev.epoxy.glue.GlueRuntimeException NOT_FOUND for an unknown connection, INVALID_INPUT for a connection
     *     that is not a JDBC one
     */
    JdbcConnection resolve(String name, Optional<String> catalogId);
}
