package dev.epoxy.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Durable home of the Data Catalog's databases, tables and table versions. Names are compared exactly:
 * callers lower-case them first, as Glue does. Definitions are opaque JSON documents (see
 * {@link CatalogDatabase#document()}); the store keeps them with the columns it looks them up by.
 *
 * <p>Deleting a database deletes its tables, and deleting a table deletes its versions (and, through
 * the schema, its partitions). Listings are in name order (versions: newest first) and bounded by
 * {@code limit}; {@code after} continues a listing after the last name (or version) seen.
 *
 * <p>Implementations are thread-safe. Every method fails with {@code INTERNAL} when the database
 * cannot be reached.
 */
public interface CatalogStore {
    /** @throws dev.epoxy.core.EpoxyException {@code ALREADY_EXISTS} if the catalog has a database of that name */
    void createDatabase(CatalogDatabase database);

    Optional<CatalogDatabase> findDatabase(String catalogId, String name);

    List<CatalogDatabase> listDatabases(String catalogId, Optional<String> after, int limit);

    /** Replaces the database's document. @throws dev.epoxy.core.EpoxyException {@code DATABASE_NOT_FOUND} */
    void updateDatabase(CatalogDatabase database);

    /** Deletes the database, its tables, their versions and partitions. @throws dev.epoxy.core.EpoxyException {@code DATABASE_NOT_FOUND} */
    void deleteDatabase(String catalogId, String name);

    /**
     * Stores a new table as its version {@link CatalogTable#versionId()}.
     *
     * @throws dev.epoxy.core.EpoxyException {@code DATABASE_NOT_FOUND} if its database does not exist,
     *         {@code ALREADY_EXISTS} if the database has a table of that name
     */
    void createTable(CatalogTable table);

    Optional<CatalogTable> findTable(TableId id);

    /** @throws dev.epoxy.core.EpoxyException {@code DATABASE_NOT_FOUND} if the database does not exist */
    List<CatalogTable> listTables(String catalogId, String databaseName, Optional<String> after, int limit);

    /**
     * Makes {@code table} the current version, keeping the version it replaces as an archived version.
     *
     * @throws dev.epoxy.core.EpoxyException {@code TABLE_NOT_FOUND} if the table does not exist,
     *         {@code CONCURRENT_MODIFICATION} if its current version is not {@code expectedVersionId}
     */
    void updateTable(CatalogTable table, long expectedVersionId);

    /** As {@link #updateTable}, but the replaced version is not archived (UpdateTable's {@code SkipArchive}). */
    void updateTableWithoutArchive(CatalogTable table, long expectedVersionId);

    /** Deletes the table with its versions and partitions. @throws dev.epoxy.core.EpoxyException {@code TABLE_NOT_FOUND} */
    void deleteTable(TableId id);

    /**
     * The table's versions, current and archived, newest first, starting below {@code beforeVersionId}.
     *
     * @throws dev.epoxy.core.EpoxyException {@code TABLE_NOT_FOUND} if the table does not exist
     */
    List<CatalogTable> listTableVersions(TableId id, Optional<Long> beforeVersionId, int limit);

    Optional<CatalogTable> findTableVersion(TableId id, long versionId);

    /**
     * Deletes an archived version.
     *
     * @throws dev.epoxy.core.EpoxyException {@code TABLE_NOT_FOUND} if the table or version does not exist,
     *         {@code INVALID_INPUT} if it is the current version
     */
    void deleteTableVersion(TableId id, long versionId);
}
