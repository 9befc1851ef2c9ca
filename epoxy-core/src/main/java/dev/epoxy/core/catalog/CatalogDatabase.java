package dev.epoxy.core.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A database of a Data Catalog as stored: its key and its definition as the JSON document of Glue's
 * {@code Database} shape (the server binds the document from the service model; core never reads it).
 *
 * @param catalogId the catalog (an account id)
 * @param name the database name, lower-case
 * @param document the JSON of the {@code Database} the server answers with
 */
public record CatalogDatabase(String catalogId, String name, String document) {
    public CatalogDatabase {
        requireNonNull(catalogId, "catalogId is null");
        requireNonNull(name, "name is null");
        requireNonNull(document, "document is null");
    }
}
