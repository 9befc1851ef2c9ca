package dev.epoxy.glue.jdbc;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Catalog tables of JDBC data, as Glue's JDBC crawler writes them: {@code classification} a JDBC connection type
 * (postgresql, mysql, ...), {@code connectionName} the Glue connection, and the location {@code database.schema.table}
 * (PostgreSQL, SQL Server, Oracle) or {@code database.table} (MySQL, MariaDB).
 *
 * @param connectionName the table's {@code connectionName} parameter
 * @param database the database of the location, which replaces the one of the connection's URL
 * @param dbtable the rest of the location, the {@code dbtable} reads and writes use
 */
public record JdbcCatalogTables(String connectionType, String connectionName, String database, String dbtable) {
    public JdbcCatalogTables {
        requireNonNull(connectionType, "connectionType is null");
        requireNonNull(connectionName, "connectionName is null");
        requireNonNull(database, "database is null");
        requireNonNull(dbtable, "dbtable is null");
    }

    /**
     * The JDBC side of {@code table}; empty when it is not a JDBC table.
     *
     * @throws GlueRuntimeException INVALID_INPUT for a JDBC table without connectionName or with a location that is not
     *     database.table or database.schema.table
     */
    public static Optional<JdbcCatalogTables> of(Table table) {
        Map<String, String> parameters = table.hasParameters() ? table.parameters() : Map.of();
        String classification = parameters.getOrDefault("classification", "").trim().toLowerCase(Locale.ROOT);
        if (!JdbcVendor.isJdbc(classification)) {
            return Optional.empty();
        }
        String name = table.databaseName() + "." + table.name();
        String connectionName = parameters.getOrDefault("connectionName", "");
        if (connectionName.isBlank()) {
            throw GlueRuntimeException.invalidInput("Table %s is a %s table without a connectionName parameter: set it to the Glue "
                    + "connection to read it through", name, classification);
        }
        String location = table.storageDescriptor() == null || table.storageDescriptor().location() == null ? ""
                : table.storageDescriptor().location().trim();
        int dot = location.indexOf('.');
        if (dot <= 0 || dot == location.length() - 1) {
            throw GlueRuntimeException.invalidInput("Table %s has location %s: a JDBC table's location is database.schema.table or "
                    + "database.table", name, location.isEmpty() ? "(none)" : location);
        }
        return Optional.of(new JdbcCatalogTables(classification, connectionName, location.substring(0, dot), location.substring(dot + 1)));
    }

    /** The options of a read or write of this table: the connection, the table and {@code additional}'s own. */
    public JsonOptions options(JsonOptions additional) {
        return additional.merge(JsonOptions.empty().with("connectionName", connectionName).with("dbtable", dbtable)
                .with("database", database));
    }
}
