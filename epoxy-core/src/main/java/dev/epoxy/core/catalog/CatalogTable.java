package dev.epoxy.core.catalog;

import static java.util.Objects.requireNonNull;

/**
 * One version of a table as stored: the current definition, or an archived one.
 *
 * @param id where the table lives
 * @param versionId the table version (0 when created, one more on every update)
 * @param document the JSON of Glue's {@code Table} shape for this version
 */
public record CatalogTable(TableId id, long versionId, String document) {
    public CatalogTable {
        requireNonNull(id, "id is null");
        requireNonNull(document, "document is null");
        if (versionId < 0) {
            throw new IllegalArgumentException("versionId is negative: " + versionId);
        }
    }
}
