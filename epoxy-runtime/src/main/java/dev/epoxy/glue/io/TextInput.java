package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The text of input files as rows {@code (value, file)}: one row per line, or per file with {@code
 * wholeText}. Hadoop decompresses files by extension ({@code .gz}, {@code .bz2}); Glue's {@code
 * compressionType} ({@code gzip}, {@code bzip2}) names the codec of files without that extension.
 */
final class TextInput {
    private TextInput() {}

    static Dataset<Row> read(SparkSession spark, List<String> files, boolean wholeText, String compressionType) {
        String codec = codecName(compressionType);
        List<String> plain = new ArrayList<>();
        List<String> forced = new ArrayList<>();
        CompressionCodecFactory factory = new CompressionCodecFactory(spark.sparkContext().hadoopConfiguration());
        for (String file : files) {
            if (codec == null || factory.getCodec(new org.apache.hadoop.fs.Path(file)) != null) {
                plain.add(file);
            } else {
                forced.add(file);
            }
        }
        Dataset<Row> result = null;
        if (!plain.isEmpty()) {
            result = spark.read().option("wholetext", wholeText).text(plain.toArray(new String[0]))
                    .select(functions.col("value"), functions.input_file_name().as("file"));
        }
        if (!forced.isEmpty()) {
            JavaRDD<Row> rows = new JavaSparkContext(spark.sparkContext())
                    .binaryFiles(String.join(",", forced))
                    .flatMap(file -> decompress(file._1(), file._2().open(), codec, wholeText).iterator());
            Dataset<Row> decompressed = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                    DataTypes.createStructField("value", DataTypes.StringType, true),
                    DataTypes.createStructField("file", DataTypes.StringType, true))));
            result = result == null ? decompressed : result.unionByName(decompressed);
        }
        return result;
    }

    private static String codecName(String compressionType) {
        if (compressionType == null || compressionType.isBlank()) {
            return null;
        }
        String name = compressionType.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "gzip", "gz" -> "gzip";
            case "bzip2", "bzip", "bz2" -> "bzip2";
            case "none", "uncompressed" -> null;
            default -> throw invalidInput("Unsupported compressionType %s: use gzip or bzip2", compressionType);
        };
    }

    private static List<Row> decompress(String file, InputStream raw, String codecName, boolean wholeText) {
        CompressionCodec codec = new CompressionCodecFactory(new Configuration()).getCodecByName(codecName);
        try (InputStream in = codec.createInputStream(raw);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Row> rows = new ArrayList<>();
            if (wholeText) {
                rows.add(RowFactory.create(reader.lines().collect(Collectors.joining("\n")), file));
            } else {
                reader.lines().forEach(line -> rows.add(RowFactory.create(line, file)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot decompress " + file + " as " + codecName, e);
        }
    }
}
