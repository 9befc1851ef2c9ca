package dev.epoxy.glue.catalog;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.io.S3Purger;
import dev.epoxy.spark.catalog.read.CatalogPartition;
import dev.epoxy.spark.catalog.read.GluePartitionSource;
import dev.epoxy.spark.catalog.table.CatalogSchemas;
import dev.epoxy.spark.catalog.table.CatalogTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;

/** {@code purge_table} and {@code transition_table} over Epoxy's local storage. */
public final class CatalogHousekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogHousekeeping.class);
    // BatchDeletePartition takes at most 25 partitions per call.
    private static final int DELETE_BATCH = 25;
    private static final String INDEX_COLUMN = "__epoxy_partition_index";

    private CatalogHousekeeping() {}

    public static void purgeTable(GlueContext glueContext, Optional<String> catalogId, String database, String table,
            JsonOptions options) {
        CatalogAccess.translated(() -> {
            GlueClient glue = glueContext.catalog().glue();
            Table target = CatalogTables.loadTable(glue, catalogId, database, table);
            String location = Optional.ofNullable(target.storageDescriptor()).map(descriptor -> descriptor.location())
                    .filter(value -> !value.isBlank())
                    .orElseThrow(() -> GlueRuntimeException.invalidInput("Cannot purge table %s.%s: it has no location", database, table));
            SparkSession spark = glueContext.sparkSession();
            StructType partitionSchema = CatalogSchemas.partitionSchema(target);
            String predicate = options.getString("partitionPredicate", "");
            if (partitionSchema.isEmpty()) {
                checkInput(predicate.isBlank(), "Cannot purge table %s.%s with partitionPredicate: the table has no partitions",
                        database, table);
                S3Purger.purge(spark, location, options);
                return null;
            }
            List<CatalogPartition> partitions = new GluePartitionSource(glue, catalogId, target.databaseName(), target.name())
                    .partitions(Optional.empty());
            List<CatalogPartition> selected = predicate.isBlank() ? partitions
                    : select(spark, partitionSchema, partitions, predicate, database + "." + table);
            List<CatalogPartition> emptied = new ArrayList<>();
            for (CatalogPartition partition : selected) {
                S3Purger.purge(spark, partition.location(), options);
                if (!hasFiles(spark, partition.location())) {
                    emptied.add(partition);
                }
            }
            deletePartitions(glue, catalogId, target, emptied);
            LOG.info("purge_table {}.{}: purged {} partitions, removed {} left without files", database, table, selected.size(),
                    emptied.size());
            return null;
        });
    }

    public static void transitionTable(GlueContext glueContext, Optional<String> catalogId, String database, String table,
            String transitionTo, JsonOptions options) {
        checkInput(transitionTo != null && !transitionTo.isBlank(), "transition_to is missing");
        CatalogAccess.translated(() -> CatalogTables.loadTable(glueContext.catalog().glue(), catalogId, database, table));
        checkInput(options.has("accountId"), "transition_table needs the option accountId");
        checkInput(options.has("roleArn"), "transition_table needs the option roleArn");
        throw GlueRuntimeException.notSupported("Cannot transition table %s.%s to %s: Epoxy's local S3 storage has a single "
                + "storage class, so files cannot change storage class; nothing was changed", database, table, transitionTo);
    }

    /** The partitions for which the Spark SQL {@code predicate} over the partition keys holds. */
    private static List<CatalogPartition> select(SparkSession spark, StructType partitionSchema, List<CatalogPartition> partitions,
            String predicate, String table) {
        StructType text = new StructType().add(INDEX_COLUMN, DataTypes.IntegerType);
        for (StructField field : partitionSchema.fields()) {
            text = text.add(field.name(), DataTypes.StringType);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            List<Object> values = new ArrayList<>();
            values.add(i);
            values.addAll(partitions.get(i).values());
            rows.add(RowFactory.create(values.toArray()));
        }
        List<Column> typed = new ArrayList<>();
        typed.add(functions.col(INDEX_COLUMN));
        for (StructField field : partitionSchema.fields()) {
            typed.add(functions.col(field.name()).cast(field.dataType()).as(field.name()));
        }
        List<Integer> indexes;
        try {
            Dataset<Row> values = spark.createDataFrame(rows, text).select(typed.toArray(new Column[0])).where(predicate);
            indexes = values.select(INDEX_COLUMN).as(org.apache.spark.sql.Encoders.INT()).collectAsList();
        } catch (Exception e) {
            // Spark's AnalysisException and ParseException are checked in Java's eyes.
            throw GlueRuntimeException.invalidInput("Cannot apply partitionPredicate %s to table %s: %s", predicate, table,
                    e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        }
        List<CatalogPartition> selected = new ArrayList<>();
        for (int index : indexes) {
            selected.add(partitions.get(index));
        }
        return selected;
    }

    private static boolean hasFiles(SparkSession spark, String location) {
        Path path = new Path(location);
        try {
            FileSystem fileSystem = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fileSystem.exists(path) && fileSystem.listFiles(path, true).hasNext();
        } catch (IOException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot list %s: %s", location, e.getMessage());
        }
    }

    private static void deletePartitions(GlueClient glue, Optional<String> catalogId, Table table, List<CatalogPartition> partitions) {
        for (int start = 0; start < partitions.size(); start += DELETE_BATCH) {
            List<PartitionValueList> values = new ArrayList<>();
            for (CatalogPartition partition : partitions.subList(start, Math.min(partitions.size(), start + DELETE_BATCH))) {
                values.add(PartitionValueList.builder().values(partition.values()).build());
            }
            BatchDeletePartitionRequest.Builder request = BatchDeletePartitionRequest.builder()
                    .databaseName(table.databaseName()).tableName(table.name()).partitionsToDelete(values);
            catalogId.ifPresent(request::catalogId);
            try {
                glue.batchDeletePartition(request.build());
            } catch (SdkException e) {
                throw CatalogTables.catalogError(e, "Cannot remove purged partitions of %s.%s", table.databaseName(), table.name());
            }
        }
    }
}
