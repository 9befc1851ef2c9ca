package dev.epoxy.spark.catalog.read;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.CatalogException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.datasources.FileIndex;
import org.apache.spark.sql.execution.datasources.InMemoryFileIndex;
import org.apache.spark.sql.execution.datasources.NoopCache$;
import org.apache.spark.sql.execution.datasources.PartitionDirectory;
import org.apache.spark.sql.execution.datasources.PartitionPath;
import org.apache.spark.sql.execution.datasources.PartitionSpec;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Seq;

/**
 * The files of a Glue table, for Spark's file sources. For a partitioned table, {@link #listFiles}
 * asks the catalog for the partitions (GetPartitions, all pages, with the table's catalog
 * partition predicate and whatever of Spark's partition filters translates to a Glue expression),
 * evaluates Spark's partition filters on them, and lists only the locations of the partitions that
 * remain, so the directories of other partitions are never listed or opened. An unpartitioned table
 * lists its location.
 */
public final class GlueCatalogFileIndex implements FileIndex {
    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalogFileIndex.class);

    private final SparkSession spark;
    private final String tableName;
    private final Path location;
    private final StructType partitionSchema;
    private final PartitionSource partitions;
    private final Optional<String> catalogPartitionPredicate;
    private final Map<String, String> options;
    private final PartitionPruner pruner;
    private volatile List<String> lastListedLocations = List.of();

    /**
     * @param tableName {@code database.table}, for messages
     * @param location the table's location (StorageDescriptor Location)
     * @param partitionSchema the partition keys; empty for an unpartitioned table
     * @param catalogPartitionPredicate a Glue expression every read sends to GetPartitions
     * @param options the read options (Spark's {@code pathGlobFilter}, {@code ignoreMissingFiles}, ... apply)
     */
    public GlueCatalogFileIndex(SparkSession spark, String tableName, String location, StructType partitionSchema,
            PartitionSource partitions, Optional<String> catalogPartitionPredicate, Map<String, String> options) {
        this.spark = requireNonNull(spark, "spark is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.location = new Path(requireNonNull(location, "location is null"));
        this.partitionSchema = requireNonNull(partitionSchema, "partitionSchema is null");
        this.partitions = requireNonNull(partitions, "partitions is null");
        this.catalogPartitionPredicate = requireNonNull(catalogPartitionPredicate, "catalogPartitionPredicate is null")
                .filter(predicate -> !predicate.isBlank());
        this.options = Map.copyOf(requireNonNull(options, "options is null"));
        this.pruner = new PartitionPruner(partitionSchema, spark.sessionState().conf().sessionLocalTimeZone());
    }

    @Override
    public Seq<Path> rootPaths() {
        return Scala.seq(List.of(location));
    }

    @Override
    public Seq<PartitionDirectory> listFiles(Seq<Expression> partitionFilters, Seq<Expression> dataFilters) {
        return index(Scala.list(partitionFilters)).listFiles(Scala.seq(List.of()), dataFilters);
    }

    @Override
    public String[] inputFiles() {
        return index(List.of()).inputFiles();
    }

    @Override
    public void refresh() {
        // Nothing is cached: every listing asks the catalog and the file system again.
    }

    @Override
    public long sizeInBytes() {
        // Knowing the size would mean listing every partition; Spark's default keeps joins from broadcasting it.
        return spark.sessionState().conf().defaultSizeInBytes();
    }

    @Override
    public StructType partitionSchema() {
        return partitionSchema;
    }

    /** The partition (or table) locations the latest listing listed, for tests and logs. */
    public List<String> lastListedLocations() {
        return lastListedLocations;
    }

    /** The selected partitions for these partition filters, without listing any file. */
    public List<CatalogPartition> selectedPartitions(List<Expression> partitionFilters) {
        List<CatalogPartition> result = new ArrayList<>();
        for (PartitionPruner.PrunedPartition partition : prune(partitionFilters)) {
            result.add(partition.partition());
        }
        return List.copyOf(result);
    }

    private InMemoryFileIndex index(List<Expression> partitionFilters) {
        Configuration hadoopConf = spark.sessionState().newHadoopConfWithOptions(Scala.map(options));
        if (partitionSchema.isEmpty()) {
            Path qualified = qualifiedExisting(hadoopConf, location, "location");
            lastListedLocations = List.of(qualified.toString());
            return new InMemoryFileIndex(spark, Scala.seq(List.of(qualified)), Scala.map(options), Scala.none(),
                    NoopCache$.MODULE$, Scala.none(), Scala.none());
        }
        List<PartitionPath> paths = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (PartitionPruner.PrunedPartition partition : prune(partitionFilters)) {
            Path path = qualifiedExisting(hadoopConf, new Path(partition.partition().location()),
                    "partition " + partition.partition().values() + " location");
            paths.add(PartitionPath.apply(partition.values(), path));
            listed.add(path.toString());
        }
        lastListedLocations = List.copyOf(listed);
        LOG.debug("Table {}: listing {} partition locations", tableName, listed.size());
        PartitionSpec spec = new PartitionSpec(partitionSchema, Scala.seq(paths));
        List<Path> roots = new ArrayList<>();
        for (PartitionPath path : paths) {
            roots.add(path.path());
        }
        return new InMemoryFileIndex(spark, Scala.seq(roots), Scala.map(options), Scala.some(partitionSchema),
                NoopCache$.MODULE$, Scala.some(spec), Scala.none());
    }

    private List<PartitionPruner.PrunedPartition> prune(List<Expression> partitionFilters) {
        List<Expression> usable = pruner.usableFilters(partitionFilters);
        Optional<String> pushed = GlueExpressions.fromFilters(usable, partitionSchema);
        Optional<String> expression = combine(catalogPartitionPredicate, pushed);
        return pruner.prune(partitions.partitions(expression), usable);
    }

    private static Optional<String> combine(Optional<String> first, Optional<String> second) {
        if (first.isPresent() && second.isPresent()) {
            return Optional.of("(" + first.get() + ") AND " + second.get());
        }
        return first.isPresent() ? first : second;
    }

    private Path qualifiedExisting(Configuration hadoopConf, Path path, String what) {
        try {
            FileSystem fileSystem = path.getFileSystem(hadoopConf);
            if (!fileSystem.exists(path)) {
                throw CatalogException.notFound("Cannot read table %s: its %s %s does not exist", tableName, what, path);
            }
            return path.makeQualified(fileSystem.getUri(), fileSystem.getWorkingDirectory());
        } catch (IOException e) {
            throw new CatalogException(CatalogException.Kind.NOT_FOUND, e, "Cannot read table %s: its %s %s cannot be read: %s",
                    tableName, what, path, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GlueCatalogFileIndex(" + tableName + ", " + location + ")";
    }
}
