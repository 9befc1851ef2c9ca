package dev.epoxy.core.catalog;

import static java.util.Objects.requireNonNull;

/** Where a table lives: catalog, database and table name (names lower-case, as Glue stores them). */
public record TableId(String catalogId, String databaseName, String name) {
    public TableId {
        requireNonNull(catalogId, "catalogId is null");
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
        return databaseName + "." + name;
    }
}
