package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.functions;
import dev.epoxy.spark.catalog.table.SparkTableFormat;
import dev.epoxy.spark.catalog.write.CatalogWrites;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/**
 * Writes into Glue tables with Spark's file sources, then records what was written in the catalog: new
 * partitions by BatchCreatePartition, replaced ones by deleting the old partitions first.
 */
final class GlueTableWrites {
    /** How an INSERT treats what is already there. */
    enum InsertMode {
        /** INSERT INTO: add files. */
        APPEND,
        /** INSERT OVERWRITE (static): replace the whole table, or the partitions the static values select. */
        OVERWRITE,
        /** INSERT OVERWRITE with {@code partitionOverwriteMode=dynamic}: replace the partitions written to. */
        OVERWRITE_DYNAMIC
    }

    private final GlueCatalogCalls glue;

    GlueTableWrites(GlueCatalogCalls glue) {
        this.glue = requireNonNull(glue, "glue is null");
    }

    /**
     * Writes the rows of an analyzed query, whose columns are the table's (data columns, then partition keys),
     * and registers the partitions written.
     *
     * @param staticPartitions the partition values the statement fixes ({@code PARTITION (year='2026')}), by key
     */
    void insert(SparkSession spark, GlueSparkTable table, LogicalPlan query, InsertMode mode, Map<String, String> staticPartitions) {
        Dataset<Row> rows = Dataset.ofRows(spark, query);
        List<String> keys = Arrays.asList(table.partitionSchema().fieldNames());
        SparkTableFormat format = table.format();
        if (keys.isEmpty()) {
            write(rows, format, List.of(), mode == InsertMode.APPEND ? SaveMode.Append : SaveMode.Overwrite, table.location(), false);
            return;
        }
        List<String> prefix = new ArrayList<>();
        for (String key : keys) {
            String value = staticPartitions.get(key);
            if (value == null) {
                break;
            }
            prefix.add(value);
        }
        if (prefix.size() == keys.size()) {
            insertIntoOnePartition(table, rows, format, mode, prefix);
            return;
        }
        if (mode == InsertMode.OVERWRITE) {
            dropPartitions(spark, table, prefix);
        }
        write(rows, format, keys, mode == InsertMode.OVERWRITE_DYNAMIC ? SaveMode.Overwrite : SaveMode.Append, table.location(),
                mode == InsertMode.OVERWRITE_DYNAMIC);
        registerPartitions(spark, table);
    }

    /** Adds the partition directories under the table location that Glue does not list yet. */
    int registerPartitions(SparkSession spark, GlueSparkTable table) {
        return CatalogWrites.registerNewPartitions(glue.client(), Optional.empty(), table.glueTable(),
                spark.sessionState().newHadoopConf()).size();
    }

    /** Deletes the registered partitions whose directories are gone (MSCK REPAIR TABLE … DROP/SYNC PARTITIONS). */
    int dropMissingPartitions(SparkSession spark, GlueSparkTable table) {
        Configuration hadoopConf = spark.sessionState().newHadoopConf();
        List<List<String>> missing = new ArrayList<>();
        for (Partition partition : glue.partitions(table.database(), table.tableName(), Optional.empty())) {
            Path path = new Path(partition.storageDescriptor().location());
            if (!exists(path, hadoopConf)) {
                missing.add(partition.values());
            }
        }
        glue.deletePartitions(table.database(), table.tableName(), missing);
        return missing.size();
    }

    private void insertIntoOnePartition(GlueSparkTable table, Dataset<Row> rows, SparkTableFormat format, InsertMode mode, List<String> values) {
        Optional<Partition> existing = glue.partitions(table.database(), table.tableName(),
                PartitionExpressions.equalities(Arrays.asList(table.partitionSchema().fieldNames()), values, table.partitionSchema()))
                .stream().filter(partition -> partition.values().equals(values)).findFirst();
        String location = existing.map(partition -> partition.storageDescriptor().location())
                .orElseGet(() -> table.defaultPartitionLocation(values));
        Dataset<Row> data = rows.drop(table.partitionSchema().fieldNames());
        write(data, format, List.of(), mode == InsertMode.APPEND ? SaveMode.Append : SaveMode.Overwrite, location, false);
        if (existing.isEmpty()) {
            glue.createPartitions(table.database(), table.tableName(), List.of(table.partitionInput(values, Optional.of(location))));
        }
    }

    /** Static INSERT OVERWRITE: the partitions the static values select go, with their files. */
    private void dropPartitions(SparkSession spark, GlueSparkTable table, List<String> prefix) {
        Configuration hadoopConf = spark.sessionState().newHadoopConf();
        List<List<String>> dropped = new ArrayList<>();
        for (Partition partition : glue.partitions(table.database(), table.tableName(), prefixExpression(table, prefix))) {
            if (partition.values().subList(0, prefix.size()).equals(prefix)) {
                delete(new Path(partition.storageDescriptor().location()), hadoopConf);
                dropped.add(partition.values());
            }
        }
        glue.deletePartitions(table.database(), table.tableName(), dropped);
        delete(new Path(prefix.isEmpty() ? table.location()
                : table.location() + "/" + PartitionValues.relativePath(prefix, prefixSchema(table, prefix.size()))), hadoopConf);
    }

    static void write(Dataset<Row> rows, SparkTableFormat format, List<String> partitionColumns, SaveMode mode, String location, boolean dynamic) {
        var writer = rows.write().format(format.name()).options(format.options()).mode(mode);
        if (!partitionColumns.isEmpty()) {
            writer = writer.partitionBy(partitionColumns.toArray(String[]::new));
        }
        if (dynamic) {
            writer = writer.option("partitionOverwriteMode", "dynamic");
        }
        writer.save(location);
    }

    /** The rows with the given columns in that order, matched by name (saveAsTable in append mode). */
    static Dataset<Row> select(Dataset<Row> rows, List<String> columns) {
        return rows.select(columns.stream().map(functions::col).toArray(Column[]::new));
    }

    private static Optional<String> prefixExpression(GlueSparkTable table, List<String> prefix) {
        List<String> keys = Arrays.asList(table.partitionSchema().fieldNames()).subList(0, prefix.size());
        return PartitionExpressions.equalities(keys, prefix, table.partitionSchema());
    }

    private static org.apache.spark.sql.types.StructType prefixSchema(GlueSparkTable table, int size) {
        return new org.apache.spark.sql.types.StructType(Arrays.copyOf(table.partitionSchema().fields(), size));
    }

    private static boolean exists(Path path, Configuration hadoopConf) {
        try {
            return path.getFileSystem(hadoopConf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check location " + path, e);
        }
    }

    private static void delete(Path path, Configuration hadoopConf) {
        try {
            path.getFileSystem(hadoopConf).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
