package dev.epoxy.spark.catalog.read;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.CatalogException;
import dev.epoxy.spark.catalog.table.CatalogTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;

/** A table's partitions from GetPartitions, all pages, with the expression evaluated by the catalog. */
public final class GluePartitionSource implements PartitionSource {
    private final GlueClient glue;
    private final Optional<String> catalogId;
    private final String database;
    private final String table;

    public GluePartitionSource(GlueClient glue, Optional<String> catalogId, String database, String table) {
        this.glue = requireNonNull(glue, "glue is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.database = requireNonNull(database, "database is null");
        this.table = requireNonNull(table, "table is null");
    }

    @Override
    public List<CatalogPartition> partitions(Optional<String> expression) {
        GetPartitionsRequest.Builder request = GetPartitionsRequest.builder().databaseName(database).tableName(table);
        catalogId.filter(id -> !id.isBlank()).ifPresent(request::catalogId);
        expression.filter(text -> !text.isBlank()).ifPresent(request::expression);
        List<CatalogPartition> partitions = new ArrayList<>();
        try {
            // Paged by NextToken by hand: the SDK's paginator for GetPartitions has no item iterator.
            List<Partition> page = new ArrayList<>();
            String nextToken = null;
            do {
                GetPartitionsResponse response = glue.getPartitions(request.nextToken(nextToken).build());
                page.addAll(response.partitions());
                nextToken = response.nextToken();
            } while (nextToken != null && !nextToken.isEmpty());
            for (Partition partition : page) {
                String location = partition.storageDescriptor() == null ? null : partition.storageDescriptor().location();
                if (location == null || location.isBlank()) {
                    throw CatalogException.invalidInput("Cannot read table %s.%s: partition %s has no location", database, table,
                            partition.values());
                }
                partitions.add(new CatalogPartition(partition.values(), location));
            }
        } catch (InvalidInputException e) {
            throw CatalogException.invalidInput("Cannot list the partitions of %s.%s with expression %s: %s", database, table,
                    expression.orElse(""), e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            throw CatalogTables.catalogError(e, "Cannot list the partitions of %s.%s", database, table);
        }
        return List.copyOf(partitions);
    }
}
