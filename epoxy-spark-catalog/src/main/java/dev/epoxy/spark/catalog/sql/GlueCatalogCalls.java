package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;

/** The Glue API calls the SQL catalog makes that take more than one request (paging, batches). */
final class GlueCatalogCalls {
    // BatchCreatePartition and BatchDeletePartition take at most 100 and 25 entries per request.
    private static final int CREATE_BATCH = 100;
    private static final int DELETE_BATCH = 25;

    private final GlueClient glue;

    GlueCatalogCalls(GlueClient glue) {
        this.glue = requireNonNull(glue, "glue is null");
    }

    GlueClient client() {
        return glue;
    }

    Optional<Table> findTable(String database, String table) {
        try {
            return Optional.of(glue.getTable(request -> request.databaseName(database).name(table)).table());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The partitions the Glue expression selects (all of them when empty), every page. */
    List<Partition> partitions(String database, String table, Optional<String> expression) {
        GetPartitionsRequest.Builder request = GetPartitionsRequest.builder().databaseName(database).tableName(table);
        expression.ifPresent(request::expression);
        List<Partition> partitions = new ArrayList<>();
        glue.getPartitionsPaginator(request.build()).forEach(page -> partitions.addAll(page.partitions()));
        return partitions;
    }

    /** Creates the partitions, 100 per request; those that already exist are left as they are. */
    List<PartitionError> createPartitions(String database, String table, List<PartitionInput> inputs) {
        List<PartitionError> errors = new ArrayList<>();
        for (int start = 0; start < inputs.size(); start += CREATE_BATCH) {
            List<PartitionInput> batch = inputs.subList(start, Math.min(inputs.size(), start + CREATE_BATCH));
            BatchCreatePartitionResponse response = glue.batchCreatePartition(request -> request.databaseName(database)
                    .tableName(table).partitionInputList(batch));
            for (PartitionError error : response.errors()) {
                if (error.errorDetail() == null || !"AlreadyExistsException".equals(error.errorDetail().errorCode())) {
                    errors.add(error);
                }
            }
        }
        return errors;
    }

    void deletePartitions(String database, String table, List<List<String>> values) {
        for (int start = 0; start < values.size(); start += DELETE_BATCH) {
            List<PartitionValueList> batch = values.subList(start, Math.min(values.size(), start + DELETE_BATCH)).stream()
                    .map(partition -> PartitionValueList.builder().values(partition).build()).toList();
            BatchDeletePartitionResponse response = glue.batchDeletePartition(request -> request.databaseName(database)
                    .tableName(table).partitionsToDelete(batch));
            for (PartitionError error : response.errors()) {
                if (error.errorDetail() != null && !"EntityNotFoundException".equals(error.errorDetail().errorCode())) {
                    throw new IllegalStateException("Cannot delete partition " + error.partitionValues() + " of "
                            + database + "." + table + ": " + error.errorDetail().errorMessage());
                }
            }
        }
    }
}
