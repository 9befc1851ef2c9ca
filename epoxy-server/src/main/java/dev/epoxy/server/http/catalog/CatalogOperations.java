package dev.epoxy.server.http.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.http.GlueOperation;
import java.time.Clock;
import java.util.List;

/**
 * The Data Catalog operations on databases, tables and table versions, for
 * {@link dev.epoxy.server.http.GlueEndpoint}. Each takes the request as a {@link JsonNode} that the
 * endpoint has validated against the model, and answers a tree bound to the model's output shapes
 * (see {@link CatalogDocuments}).
 */
public final class CatalogOperations {
    private CatalogOperations() {}

    public static List<GlueOperation<?, ?>> all(CatalogStore store, Clock clock) {
        CatalogDocuments documents = new CatalogDocuments(ServiceModel.glue());
        DatabaseOperations databases = new DatabaseOperations(store, documents, clock);
        TableOperations tables = new TableOperations(store, documents, clock);
        TableVersionOperations versions = new TableVersionOperations(store, documents, tables);
        return List.of(
                GlueOperation.of("CreateDatabase", JsonNode.class, databases::createDatabase),
                GlueOperation.of("GetDatabase", JsonNode.class, databases::getDatabase),
                GlueOperation.of("GetDatabases", JsonNode.class, databases::getDatabases),
                GlueOperation.of("UpdateDatabase", JsonNode.class, databases::updateDatabase),
                GlueOperation.of("DeleteDatabase", JsonNode.class, databases::deleteDatabase),
                GlueOperation.of("CreateTable", JsonNode.class, tables::createTable),
                GlueOperation.of("GetTable", JsonNode.class, tables::getTable),
                GlueOperation.of("GetTables", JsonNode.class, tables::getTables),
                GlueOperation.of("UpdateTable", JsonNode.class, tables::updateTable),
                GlueOperation.of("DeleteTable", JsonNode.class, tables::deleteTable),
                GlueOperation.of("BatchDeleteTable", JsonNode.class, tables::batchDeleteTable),
                GlueOperation.of("GetTableVersions", JsonNode.class, versions::getTableVersions),
                GlueOperation.of("GetTableVersion", JsonNode.class, versions::getTableVersion),
                GlueOperation.of("DeleteTableVersion", JsonNode.class, versions::deleteTableVersion),
                GlueOperation.of("BatchDeleteTableVersion", JsonNode.class, versions::batchDeleteTableVersion));
    }
}
