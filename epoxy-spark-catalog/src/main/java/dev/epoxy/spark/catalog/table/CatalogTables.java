package dev.epoxy.spark.catalog.table;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.CatalogException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.Table;

/** Table look-ups through the Glue API, with errors that name the table. */
public final class CatalogTables {
    private CatalogTables() {}

    /**
     * The table, or empty when it (or its database) does not exist. {@code catalogId} may be empty for the
     * server's own account.
     *
     * @throws CatalogException CATALOG_ERROR when the Glue API fails otherwise
     */
    public static Optional<Table> findTable(GlueClient glue, Optional<String> catalogId, String database, String table) {
        requireNonNull(glue, "glue is null");
        requireNonNull(catalogId, "catalogId is null");
        checkName("database", database);
        checkName("table_name", table);
        try {
            GetTableRequest.Builder request = GetTableRequest.builder().databaseName(database).name(table);
            catalogId.filter(id -> !id.isBlank()).ifPresent(request::catalogId);
            return Optional.of(glue.getTable(request.build()).table());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw catalogError(e, "Cannot get table %s.%s from the Data Catalog", database, table);
        }
    }

    /**
     * The table.
     *
     * @throws CatalogException NOT_FOUND when the table or its database does not exist
     */
    public static Table loadTable(GlueClient glue, Optional<String> catalogId, String database, String table) {
        return findTable(glue, catalogId, database, table)
                .orElseThrow(() -> CatalogException.notFound("Table not found in the Data Catalog: %s.%s", database, table));
    }

    /** A CatalogException for a failed Glue API call, keeping the service's own message. */
    public static CatalogException catalogError(SdkException e, String messageFormat, Object... args) {
        String message = String.format(messageFormat, args);
        String cause = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return new CatalogException(CatalogException.Kind.CATALOG_ERROR, e, "%s: %s", message, cause);
    }

    private static void checkName(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw CatalogException.invalidInput("%s is missing", parameter);
        }
    }
}
