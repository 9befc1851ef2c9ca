package dev.epoxy.spark.catalog.read;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.CatalogException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.datasources.FileIndex;
import org.apache.spark.sql.execution.datasources.FileStatusWithMetadata;
import org.apache.spark.sql.execution.datasources.InMemoryFileIndex;
import org.apache.spark.sql.execution.datasources.NoopCache$;
import org.apache.spark.sql.execution.datasources.PartitionDirectory;
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
 * lists its location. An {@link InputFileFilter} (job bookmarks) then chooses which of the listed files
 * are read; the others are never opened.
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
    private final InputFileFilter fileFilter;
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
        this(spark, tableName, location, partitionSchema, partitions, catalogPartitionPredicate, options, InputFileFilter.ALL);
    }

    /** The index above, reading only the listed files {@code fileFilter} selects. */
    public GlueCatalogFileIndex(SparkSession spark, String tableName, String location, StructType partitionSchema,
            PartitionSource partitions, Optional<String> catalogPartitionPredicate, Map<String, String> options,
            InputFileFilter fileFilter) {
        this.fileFilter = requireNonNull(fileFilter, "fileFilter is null");
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
        if (partitionSchema.isEmpty()) {
            Seq<PartitionDirectory> listed = unpartitionedIndex().listFiles(partitionFilters, dataFilters);
            return fileFilter == InputFileFilter.ALL ? listed : Scala.seq(filtered(Scala.list(listed)));
        }
        return Scala.seq(filtered(partitionDirectories(Scala.list(partitionFilters))));
    }

    @Override
    public String[] inputFiles() {
        if (partitionSchema.isEmpty() && fileFilter == InputFileFilter.ALL) {
            return unpartitionedIndex().inputFiles();
        }
        List<String> files = new ArrayList<>();
        for (PartitionDirectory directory : Scala.list(listFiles(Scala.seq(List.of()), Scala.seq(List.of())))) {
            for (FileStatusWithMetadata file : Scala.list(directory.files())) {
                files.add(file.getPath().toString());
            }
        }
        return files.toArray(new String[0]);
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

    private InMemoryFileIndex unpartitionedIndex() {
        Configuration hadoopConf = spark.sessionState().newHadoopConfWithOptions(Scala.map(options));
        Path qualified = qualifiedExisting(hadoopConf, location, "location");
        lastListedLocations = List.of(qualified.toString());
        return new InMemoryFileIndex(spark, Scala.seq(List.of(qualified)), Scala.map(options), Scala.none(),
                NoopCache$.MODULE$, Scala.none(), Scala.none());
    }

    /**
     * The files of the selected partitions, listed here in the driver: a few hundred partition directories
     * list faster one by one than through the Spark job that Spark's own index starts above 32 paths.
     */
    private List<PartitionDirectory> partitionDirectories(List<Expression> partitionFilters) {
        Configuration hadoopConf = spark.sessionState().newHadoopConfWithOptions(Scala.map(options));
        List<PartitionDirectory> directories = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (PartitionPruner.PrunedPartition partition : prune(partitionFilters)) {
            Path path = new Path(partition.partition().location());
            List<FileStatus> files = new ArrayList<>();
            try {
                FileSystem fileSystem = path.getFileSystem(hadoopConf);
                collectFiles(fileSystem, path, files);
                listed.add(path.makeQualified(fileSystem.getUri(), fileSystem.getWorkingDirectory()).toString());
            } catch (FileNotFoundException e) {
                throw CatalogException.notFound("Cannot read table %s: the location %s of partition %s does not exist", tableName,
                        path, partition.partition().values());
            } catch (IOException e) {
                throw new CatalogException(CatalogException.Kind.NOT_FOUND, e, "Cannot read table %s: cannot list partition %s at %s: %s",
                        tableName, partition.partition().values(), path, e.getMessage());
            }
            directories.add(PartitionDirectory.apply(partition.values(), files.toArray(new FileStatus[0])));
        }
        lastListedLocations = List.copyOf(listed);
        LOG.debug("Table {}: listed {} partition locations", tableName, listed.size());
        return directories;
    }

    /** The directories with only the files the filter selects, asked once over the files of all of them. */
    private List<PartitionDirectory> filtered(List<PartitionDirectory> directories) {
        if (fileFilter == InputFileFilter.ALL) {
            return directories;
        }
        List<FileStatus> listed = new ArrayList<>();
        for (PartitionDirectory directory : directories) {
            for (FileStatusWithMetadata file : Scala.list(directory.files())) {
                listed.add(file.fileStatus());
            }
        }
        Set<Path> selected = new HashSet<>();
        for (FileStatus file : fileFilter.select(List.copyOf(listed))) {
            selected.add(file.getPath());
        }
        List<PartitionDirectory> result = new ArrayList<>();
        for (PartitionDirectory directory : directories) {
            List<FileStatus> kept = new ArrayList<>();
            for (FileStatusWithMetadata file : Scala.list(directory.files())) {
                if (selected.contains(file.getPath())) {
                    kept.add(file.fileStatus());
                }
            }
            if (!kept.isEmpty()) {
                result.add(PartitionDirectory.apply(directory.values(), kept.toArray(new FileStatus[0])));
            }
        }
        LOG.debug("Table {}: the file filter kept {} of {} listed files", tableName, selected.size(), listed.size());
        return result;
    }

    private static void collectFiles(FileSystem fileSystem, Path directory, List<FileStatus> files) throws IOException {
        for (FileStatus status : fileSystem.listStatus(directory)) {
            String name = status.getPath().getName();
            // Spark's and Hive's convention: _SUCCESS, _temporary, .crc files and in-flight copies are not data.
            if (name.startsWith("_") || name.startsWith(".") || name.endsWith("._COPYING_")) {
                continue;
            }
            if (status.isDirectory()) {
                collectFiles(fileSystem, status.getPath(), files);
            } else {
                files.add(status);
            }
        }
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
