package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static dev.epoxy.glue.GlueRuntimeException.notSupported;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import dev.epoxy.spark.catalog.read.InputFileFilter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads frames from files ({@code connection_type} {@code s3}, also {@code file} and the legacy
 * {@code parquet}/{@code orc} types). Paths may be {@code s3://}, {@code file://} or plain.
 *
 * <p>Connection options: {@code paths} (list; {@code path} accepted), {@code recurse}, {@code
 * exclusions} (JSON list of globs), {@code groupFiles}/{@code groupSize} (accepted: Spark already
 * packs small files into partitions), {@code compressionType} ({@code gzip}/{@code bzip2} for json and csv
 * files whose extension does not name their codec; compression is otherwise detected by extension). For parquet/orc/avro the other connection options go to Spark's reader.
 */
public final class S3Reader {
    private static final Set<String> SPARK_FORMATS = Set.of("parquet", "orc", "avro");
    private static final Set<String> FILE_CONNECTION_TYPES = Set.of("s3", "file", "parquet", "orc", "avro");
    private static final Set<String> GLUE_OPTIONS = Set.of("paths", "path", "recurse", "exclusions", "groupFiles", "groupSize",
            "compressionType", "callSite", "maxBand", "maxFilesInBand", "isFailFast", "useS3ListImplementation",
            "boundedFiles", "boundedSize", "excludeStorageClasses", "catalogPartitionPredicate", "useFrameName");

    private S3Reader() {}

    /**
     * Reads the files of the source that its filter ({@code fileFilterOfPaths} of the input paths: a job
     * bookmark) selects among those listed (after {@code recurse} and {@code exclusions}); the others are
     * never opened. A filter that selects nothing yields an empty frame, without columns.
     */
    public static DynamicFrame read(GlueContext glueContext, String connectionType, JsonOptions connectionOptions, String format,
            JsonOptions formatOptions, StageContext stage, Function<List<String>, InputFileFilter> fileFilterOfPaths) {
        if (!FILE_CONNECTION_TYPES.contains(connectionType)) {
            throw notSupported("Connection type %s is not supported by Epoxy yet; supported: s3", connectionType);
        }
        if (format == null) {
            throw invalidInput("format is missing for connection type %s: use json, csv, parquet, orc or avro", connectionType);
        }
        List<String> paths = paths(connectionOptions);
        InputFileFilter fileFilter = fileFilterOfPaths.apply(paths);
        boolean recurse = connectionOptions.getBoolean("recurse", false);
        List<String> exclusions = connectionOptions.getStringList("exclusions");
        Configuration hadoopConf = glueContext.sparkSession().sparkContext().hadoopConfiguration();
        try {
            checkFormat(format);
            Optional<List<String>> listed = selectFiles(hadoopConf, paths, recurse, exclusions, fileFilter, format);
            if (listed.isPresent() && listed.get().isEmpty()) {
                return DynamicFrame.fromSource(glueContext, glueContext.sparkSession().emptyDataFrame(), Optional.empty(), "", stage);
            }
            String compressionType = connectionOptions.getString("compressionType").orElse(null);
            return switch (format) {
                case "json" -> JsonReader.read(glueContext, listed.orElseThrow(), formatOptions, compressionType, stage);
                case "csv" -> CsvReader.read(glueContext, listed.orElseThrow(), formatOptions, compressionType, stage);
                default -> readWithSpark(glueContext, hadoopConf, format, paths, listed, recurse, connectionOptions.merge(formatOptions),
                        stage);
            };
        } catch (GlueRuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Spark's AnalysisException (e.g. no schema in an empty directory) is checked in Java's eyes.
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot read %s from %s: %s", format,
                    String.join(", ", paths), e.getMessage());
        }
    }

    private static List<String> paths(JsonOptions connectionOptions) {
        List<String> paths = new ArrayList<>(connectionOptions.getStringList("paths"));
        paths.addAll(connectionOptions.getStringList("path"));
        if (paths.isEmpty()) {
            throw invalidInput("connection_options must contain paths, a list of s3:// paths");
        }
        return List.copyOf(paths);
    }

    /**
     * The files to read, listed here in the driver; empty (no listing: Spark lists the paths itself) for
     * parquet, orc and avro without exclusions and without a bookmark.
     */
    private static Optional<List<String>> selectFiles(Configuration hadoopConf, List<String> paths, boolean recurse,
            List<String> exclusions, InputFileFilter fileFilter, String format) {
        boolean sparkLists = SPARK_FORMATS.contains(format) && exclusions.isEmpty() && fileFilter == InputFileFilter.ALL;
        if (sparkLists) {
            InputFiles.checkExist(hadoopConf, paths);
            return Optional.empty();
        }
        List<FileStatus> listed = InputFiles.list(hadoopConf, paths, recurse, exclusions);
        if (listed.isEmpty()) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.NOT_FOUND,
                    "No input files under %s", String.join(", ", paths));
        }
        List<String> files = new ArrayList<>();
        for (FileStatus file : fileFilter.select(listed)) {
            files.add(file.getPath().toString());
        }
        return Optional.of(files);
    }

    private static void checkFormat(String format) {
        switch (format) {
            case "json", "csv", "parquet", "orc", "avro" -> {
            }
            case "xml", "ion", "groklog" -> throw notSupported("Format %s is not supported by Epoxy yet", format);
            default -> throw invalidInput("Unknown format %s: use json, csv, parquet, orc or avro", format);
        }
    }

    /** {@code listed}: the files listed in the driver; empty when Spark lists {@code paths} itself. */
    private static DynamicFrame readWithSpark(GlueContext glueContext, Configuration hadoopConf, String format, List<String> paths,
            Optional<List<String>> listed, boolean recurse, JsonOptions options, StageContext stage) {
        DataFrameReader reader = glueContext.sparkSession().read().format(format);
        for (Iterator<String> keys = options.keys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!GLUE_OPTIONS.contains(key) && !key.equals("version") && !key.equals("useGlueParquetWriter")) {
                options.getString(key).ifPresent(value -> reader.option(key, value));
            }
        }
        if (recurse) {
            reader.option("recursiveFileLookup", "true");
        } else if (listed.isPresent() && paths.size() == 1 && InputFiles.isDirectory(hadoopConf, paths.get(0))) {
            // Listed files keep the partition columns of their key=value directories under the one input path.
            reader.option("basePath", paths.get(0));
        }
        Dataset<Row> data = reader.load(listed.orElse(paths).toArray(new String[0]));
        return DynamicFrame.fromSource(glueContext, data, Optional.empty(), "", stage);
    }
}
