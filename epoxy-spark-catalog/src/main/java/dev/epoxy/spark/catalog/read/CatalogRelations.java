package dev.epoxy.spark.catalog.read;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.CatalogException;
import dev.epoxy.spark.catalog.table.CatalogSchemas;
import dev.epoxy.spark.catalog.table.CatalogTables;
import dev.epoxy.spark.catalog.table.SparkTableFormat;
import dev.epoxy.spark.catalog.table.TableFormats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.v2.FileDataSourceV2;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Glue tables as Spark DataFrames: a {@code LogicalRelation} over a {@link HadoopFsRelation} whose
 * file index is a {@link GlueCatalogFileIndex}, read by Spark's own file format for the table's SerDe.
 * Spark's planner then splits filters on partition keys into the scan's {@code PartitionFilters} and
 * hands them to the index, which lists only the matching partitions.
 */
public final class CatalogRelations {
    private CatalogRelations() {}

    /**
     * The table's rows: data columns from the table schema, then the partition keys.
     *
     * @param catalogId empty for the server's own account
     * @param pushDownPredicate Spark SQL over the partition keys; only matching partitions are listed
     * @param catalogPartitionPredicate a Glue expression, evaluated by the catalog (GetPartitions Expression)
     * @param options Spark reader options, added to (and replacing) those the table's SerDe implies
     * @throws CatalogException NOT_FOUND for a missing table or location, INVALID_INPUT for a table without
     *     location or with an unknown format, or a predicate that is not Spark SQL over the table's columns
     */
    public static Dataset<Row> read(SparkSession spark, GlueClient glue, Optional<String> catalogId, String database,
            String table, Optional<String> pushDownPredicate, Optional<String> catalogPartitionPredicate,
            Map<String, String> options) {
        return read(spark, glue, catalogId, database, table, pushDownPredicate, catalogPartitionPredicate, options,
                InputFileFilter.ALL);
    }

    /**
     * {@link #read(SparkSession, GlueClient, Optional, String, String, Optional, Optional, Map)} reading only the
     * files {@code fileFilter} selects among those of the partitions that remain after pruning (job bookmarks).
     */
    public static Dataset<Row> read(SparkSession spark, GlueClient glue, Optional<String> catalogId, String database,
            String table, Optional<String> pushDownPredicate, Optional<String> catalogPartitionPredicate,
            Map<String, String> options, InputFileFilter fileFilter) {
        requireNonNull(spark, "spark is null");
        return read(spark, glue, catalogId, CatalogTables.loadTable(glue, catalogId, database, table), pushDownPredicate,
                catalogPartitionPredicate, options, fileFilter);
    }

    /** The same read of a table already fetched with GetTable, its partitions asked from {@code glue}. */
    public static Dataset<Row> read(SparkSession spark, GlueClient glue, Optional<String> catalogId, Table glueTable,
            Optional<String> pushDownPredicate, Optional<String> catalogPartitionPredicate, Map<String, String> options,
            InputFileFilter fileFilter) {
        requireNonNull(spark, "spark is null");
        Dataset<Row> rows = read(spark, glueTable,
                new GluePartitionSource(glue, catalogId, glueTable.databaseName(), glueTable.name()),
                catalogPartitionPredicate, options, fileFilter);
        return filtered(rows, glueTable.databaseName() + "." + glueTable.name(), pushDownPredicate);
    }

    /** {@link #read} of a table already fetched, with its partitions from {@code partitions}. */
    public static Dataset<Row> read(SparkSession spark, Table table, PartitionSource partitions,
            Optional<String> catalogPartitionPredicate, Map<String, String> options) {
        return read(spark, table, partitions, catalogPartitionPredicate, options, InputFileFilter.ALL);
    }

    /** {@link #read(SparkSession, Table, PartitionSource, Optional, Map)} reading only the files {@code fileFilter} selects. */
    public static Dataset<Row> read(SparkSession spark, Table table, PartitionSource partitions,
            Optional<String> catalogPartitionPredicate, Map<String, String> options, InputFileFilter fileFilter) {
        requireNonNull(table, "table is null");
        String name = table.databaseName() + "." + table.name();
        String location = Optional.ofNullable(table.storageDescriptor()).map(descriptor -> descriptor.location())
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> CatalogException.invalidInput("Cannot read table %s: it has no location "
                        + "(StorageDescriptor.Location)", name));
        SparkTableFormat format = TableFormats.readFormat(table).withOptions(options);
        StructType partitionSchema = CatalogSchemas.partitionSchema(table);
        StructType dataSchema = CatalogSchemas.dataSchema(table);
        GlueCatalogFileIndex index = new GlueCatalogFileIndex(spark, name, location, partitionSchema, partitions,
                catalogPartitionPredicate, format.options(), fileFilter);
        if (partitionSchema.isEmpty()) {
            // Fail now, naming the table, rather than in the first Spark job.
            index.inputFiles();
        }
        Map<String, String> relationOptions = new LinkedHashMap<>(format.options());
        HadoopFsRelation relation = new HadoopFsRelation(index, partitionSchema, dataSchema, Scala.none(),
                fileFormat(spark, format.name()), Scala.map(relationOptions), spark);
        return spark.baseRelationToDataFrame(relation);
    }

    /** The table's schema as Spark sees it: data columns, then partition keys. */
    public static StructType schema(GlueClient glue, Optional<String> catalogId, String database, String table) {
        return CatalogSchemas.tableSchema(CatalogTables.loadTable(glue, catalogId, database, table));
    }

    private static Dataset<Row> filtered(Dataset<Row> rows, String table, Optional<String> pushDownPredicate) {
        Optional<String> predicate = pushDownPredicate.filter(value -> !value.isBlank());
        if (predicate.isEmpty()) {
            return rows;
        }
        try {
            Dataset<Row> filtered = rows.where(predicate.get());
            // Analyse now: a bad predicate is the caller's error, not the first job's.
            filtered.queryExecution().assertAnalyzed();
            return filtered;
        } catch (Exception e) {
            // Spark's AnalysisException and ParseException are checked in Java's eyes.
            throw CatalogException.invalidInput("Cannot apply push_down_predicate %s to table %s: %s", predicate.get(), table,
                    e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static FileFormat fileFormat(SparkSession spark, String name) {
        Class<?> provider = DataSource.lookupDataSource(name, spark.sessionState().conf());
        try {
            Object instance = provider.getDeclaredConstructor().newInstance();
            if (instance instanceof FileDataSourceV2 v2) {
                return v2.fallbackFileFormat().getDeclaredConstructor().newInstance();
            }
            if (instance instanceof FileFormat fileFormat) {
                return fileFormat;
            }
        } catch (ReflectiveOperationException e) {
            throw new CatalogException(CatalogException.Kind.NOT_SUPPORTED, e, "Cannot read %s files: %s", name, e.getMessage());
        }
        throw CatalogException.notSupported("Cannot read %s files: %s is not a file format", name, provider.getName());
    }
}
