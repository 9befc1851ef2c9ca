package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static dev.epoxy.glue.GlueRuntimeException.notSupported;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
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
    private static final Set<String> FILE_CONNECTION_TYPES = Set.of("s3", "file", "parquet", "orc", "avro");
    private static final Set<String> GLUE_OPTIONS = Set.of("paths", "path", "recurse", "exclusions", "groupFiles", "groupSize",
            "compressionType", "callSite", "maxBand", "maxFilesInBand", "isFailFast", "useS3ListImplementation",
            "boundedFiles", "boundedSize", "excludeStorageClasses", "catalogPartitionPredicate", "useFrameName");

    private S3Reader() {}

    public static DynamicFrame read(GlueContext glueContext, String connectionType, JsonOptions connectionOptions, String format,
            JsonOptions formatOptions, StageContext stage) {
        if (!FILE_CONNECTION_TYPES.contains(connectionType)) {
            throw notSupported("Connection type %s is not supported by Epoxy yet; supported: s3", connectionType);
        }
        if (format == null) {
            throw invalidInput("format is missing for connection type %s: use json, csv, parquet, orc or avro", connectionType);
        }
        List<String> paths = new ArrayList<>(connectionOptions.getStringList("paths"));
        paths.addAll(connectionOptions.getStringList("path"));
        if (paths.isEmpty()) {
            throw invalidInput("connection_options must contain paths, a list of s3:// paths");
        }
        boolean recurse = connectionOptions.getBoolean("recurse", false);
        List<String> exclusions = connectionOptions.getStringList("exclusions");
        Configuration hadoopConf = glueContext.sparkSession().sparkContext().hadoopConfiguration();
        try {
            return readFormat(glueContext, format, paths, recurse, exclusions, connectionOptions, formatOptions, stage, hadoopConf);
        } catch (GlueRuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Spark's AnalysisException (e.g. no schema in an empty directory) is checked in Java's eyes.
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot read %s from %s: %s", format,
                    String.join(", ", paths), e.getMessage());
        }
    }

    private static DynamicFrame readFormat(GlueContext glueContext, String format, List<String> paths, boolean recurse,
            List<String> exclusions, JsonOptions connectionOptions, JsonOptions formatOptions, StageContext stage,
            Configuration hadoopConf) {
        switch (format) {
            case "json":
                return JsonReader.read(glueContext, listFiles(hadoopConf, paths, recurse, exclusions), formatOptions,
                        connectionOptions.getString("compressionType").orElse(null), stage);
            case "csv":
                return CsvReader.read(glueContext, listFiles(hadoopConf, paths, recurse, exclusions), formatOptions,
                        connectionOptions.getString("compressionType").orElse(null), stage);
            case "parquet":
            case "orc":
            case "avro":
                return readWithSpark(glueContext, hadoopConf, format, paths, recurse, exclusions,
                        connectionOptions.merge(formatOptions), stage);
            case "xml":
            case "ion":
            case "groklog":
                throw notSupported("Format %s is not supported by Epoxy yet", format);
            default:
                throw invalidInput("Unknown format %s: use json, csv, parquet, orc or avro", format);
        }
    }

    private static List<String> listFiles(Configuration hadoopConf, List<String> paths, boolean recurse, List<String> exclusions) {
        List<String> files = InputFiles.list(hadoopConf, paths, recurse, exclusions);
        if (files.isEmpty()) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.NOT_FOUND,
                    "No input files under %s", String.join(", ", paths));
        }
        return files;
    }

    private static DynamicFrame readWithSpark(GlueContext glueContext, Configuration hadoopConf, String format, List<String> paths,
            boolean recurse, List<String> exclusions, JsonOptions options, StageContext stage) {
        DataFrameReader reader = glueContext.sparkSession().read().format(format);
        for (Iterator<String> keys = options.keys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!GLUE_OPTIONS.contains(key) && !key.equals("version") && !key.equals("useGlueParquetWriter")) {
                options.getString(key).ifPresent(value -> reader.option(key, value));
            }
        }
        List<String> inputs;
        if (exclusions.isEmpty()) {
            InputFiles.checkExist(hadoopConf, paths);
            if (recurse) {
                reader.option("recursiveFileLookup", "true");
            }
            inputs = paths;
        } else {
            inputs = listFiles(hadoopConf, paths, recurse, exclusions);
            if (paths.size() == 1 && !recurse) {
                reader.option("basePath", paths.get(0));
            }
        }
        Dataset<Row> data = reader.load(inputs.toArray(new String[0]));
        return DynamicFrame.fromSource(glueContext, data, Optional.empty(), "", stage);
    }
}
