package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Predicate;
import org.apache.spark.sql.execution.datasources.FileIndex;
import org.apache.spark.sql.execution.datasources.PartitionDirectory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractPartialFunction;
import software.amazon.awssdk.services.glue.model.Partition;

/**
 * The files of a Glue table, listed per query: the partitions come from GetPartitions with the query's
 * partition filters as the Glue {@code Expression} (evaluated by the catalog), and only their directories are
 * listed. Nothing is cached, so partitions added through the API are read by the next query.
 */
final class GlueFileIndex implements FileIndex {
    private final SparkSession spark;
    private final GlueCatalogCalls glue;
    private final GlueSparkTable table;

    GlueFileIndex(SparkSession spark, GlueCatalogCalls glue, GlueSparkTable table) {
        this.spark = requireNonNull(spark, "spark is null");
        this.glue = requireNonNull(glue, "glue is null");
        this.table = requireNonNull(table, "table is null");
    }

    @Override
    public Seq<Path> rootPaths() {
        return JavaConverters.asScalaBuffer(List.of(new Path(table.location()))).toList();
    }

    @Override
    public Seq<PartitionDirectory> listFiles(Seq<Expression> partitionFilters, Seq<Expression> dataFilters) {
        List<PartitionDirectory> directories = new ArrayList<>();
        Configuration hadoopConf = spark.sessionState().newHadoopConf();
        Path root = new Path(table.location());
        if (!exists(root, hadoopConf)) {
            throw new IllegalStateException("Cannot read table " + table.qualifiedName() + ": its location "
                    + table.location() + " does not exist");
        }
        StructType partitionSchema = table.partitionSchema();
        if (partitionSchema.isEmpty()) {
            directories.add(PartitionDirectory.apply(InternalRow.empty(), leafFiles(root, hadoopConf)));
            return JavaConverters.asScalaBuffer(directories).toList();
        }
        List<Expression> filters = JavaConverters.seqAsJavaList(partitionFilters);
        Optional<String> expression = PartitionExpressions.toGlueExpression(filters, partitionSchema);
        BasePredicate predicate = boundPredicate(filters, partitionSchema);
        for (Partition partition : glue.partitions(table.database(), table.tableName(), expression)) {
            InternalRow values = PartitionValues.toRow(partition.values(), partitionSchema);
            if (!predicate.eval(values)) {
                continue;
            }
            String location = partition.storageDescriptor() == null || partition.storageDescriptor().location() == null
                    ? table.defaultPartitionLocation(partition.values())
                    : partition.storageDescriptor().location();
            Path path = new Path(location);
            // A registered partition whose directory is gone reads as empty, as Spark's Hive catalog does.
            if (exists(path, hadoopConf)) {
                directories.add(PartitionDirectory.apply(values, leafFiles(path, hadoopConf)));
            }
        }
        return JavaConverters.asScalaBuffer(directories).toList();
    }

    @Override
    public String[] inputFiles() {
        List<String> files = new ArrayList<>();
        for (PartitionDirectory directory : JavaConverters.seqAsJavaList(listFiles(emptySeq(), emptySeq()))) {
            JavaConverters.seqAsJavaList(directory.files()).forEach(file -> files.add(file.getPath().toString()));
        }
        return files.toArray(String[]::new);
    }

    @Override
    public void refresh() {
        // Nothing is cached.
    }

    @Override
    public long sizeInBytes() {
        // Unknown without listing every partition; the default keeps Spark from broadcasting a big table.
        return spark.sessionState().conf().defaultSizeInBytes();
    }

    @Override
    public StructType partitionSchema() {
        return table.partitionSchema();
    }

    @Override
    public String toString() {
        return "GlueFileIndex(" + table.qualifiedName() + ")";
    }

    private static BasePredicate boundPredicate(List<Expression> filters, StructType partitionSchema) {
        Expression conjunction = new org.apache.spark.sql.catalyst.expressions.Literal(true, org.apache.spark.sql.types.DataTypes.BooleanType);
        for (Expression filter : filters) {
            conjunction = new org.apache.spark.sql.catalyst.expressions.And(conjunction, filter);
        }
        StructField[] fields = partitionSchema.fields();
        Expression bound = conjunction.transform(new AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(Expression expression) {
                return expression instanceof AttributeReference;
            }

            @Override
            public Expression apply(Expression expression) {
                String name = ((AttributeReference) expression).name();
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i].name().equalsIgnoreCase(name)) {
                        return new BoundReference(i, fields[i].dataType(), true);
                    }
                }
                throw new IllegalArgumentException("Partition filter refers to a column that is not a partition key: " + name);
            }
        });
        return Predicate.createInterpreted(bound);
    }

    private static boolean exists(Path path, Configuration hadoopConf) {
        try {
            return path.getFileSystem(hadoopConf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check location " + path, e);
        }
    }

    /** The data files under a directory, recursively, without Hadoop's and Spark's hidden files. */
    private static FileStatus[] leafFiles(Path directory, Configuration hadoopConf) {
        List<FileStatus> files = new ArrayList<>();
        try {
            FileSystem fs = directory.getFileSystem(hadoopConf);
            collect(fs, directory, files);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
        return files.toArray(FileStatus[]::new);
    }

    private static void collect(FileSystem fs, Path directory, List<FileStatus> files) throws IOException {
        for (FileStatus status : fs.listStatus(directory)) {
            String name = status.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (status.isDirectory()) {
                collect(fs, status.getPath(), files);
            } else {
                files.add(status);
            }
        }
    }

    private static <T> Seq<T> emptySeq() {
        return JavaConverters.asScalaBuffer(new ArrayList<T>()).toList();
    }
}
