package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static dev.epoxy.glue.GlueRuntimeException.notSupported;
import static org.apache.spark.sql.functions.coalesce;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes frames to files with Spark's writers, appending as Glue does. Connection options: {@code
 * path} (required), {@code partitionKeys} (Hive-style {@code key=value/} directories), {@code
 * compression}; format options per format: csv {@code writeHeader} (default true), {@code
 * separator}, {@code quoteChar} (-1 disables quoting), {@code escaper}; parquet/glueparquet {@code
 * compression} (default snappy), {@code blockSize}, {@code pageSize}. Unresolved choices are
 * written as their struct in parquet/orc/avro and as the value of their non-null alternative in
 * json and csv (cast to string in csv).
 */
public final class S3Writer {
    private static final Set<String> FILE_CONNECTION_TYPES = Set.of("s3", "file", "parquet", "orc", "avro");

    private S3Writer() {}

    public static void write(DynamicFrame frame, String connectionType, JsonOptions connectionOptions, String format,
            JsonOptions formatOptions) {
        if (!FILE_CONNECTION_TYPES.contains(connectionType)) {
            throw notSupported("Connection type %s is not supported by Epoxy yet; supported: s3", connectionType);
        }
        if (format == null) {
            throw invalidInput("format is missing for connection type %s: use json, csv, parquet, glueparquet, orc or avro",
                    connectionType);
        }
        String path = connectionOptions.getString("path")
                .orElseThrow(() -> invalidInput("connection_options must contain path, the s3:// output location"));
        if (connectionOptions.getBoolean("useFrameName", false) && !frame.name().isEmpty()) {
            path = path.endsWith("/") ? path + frame.name() : path + "/" + frame.name();
        }
        JsonOptions options = connectionOptions.merge(formatOptions);
        Dataset<Row> data;
        String sparkFormat;
        switch (format) {
            case "json":
                data = flattenChoices(frame, false);
                sparkFormat = "json";
                break;
            case "csv":
                data = flattenChoices(frame, true);
                sparkFormat = "csv";
                break;
            case "parquet":
            case "glueparquet":
                data = frame.toDF();
                sparkFormat = "parquet";
                break;
            case "orc":
            case "avro":
                data = frame.toDF();
                sparkFormat = format;
                break;
            default:
                throw invalidInput("Unknown or unsupported output format %s: use json, csv, parquet, glueparquet, orc or avro", format);
        }
        List<String> partitionKeys = connectionOptions.getStringList("partitionKeys");
        for (String key : partitionKeys) {
            if (!List.of(data.columns()).contains(key)) {
                throw invalidInput("partitionKeys column %s is not in the frame; its columns are %s", key, List.of(data.columns()));
            }
        }
        DataFrameWriter<Row> writer = data.write().mode(SaveMode.Append).format(sparkFormat);
        if (!partitionKeys.isEmpty()) {
            writer = writer.partitionBy(partitionKeys.toArray(new String[0]));
        }
        writer = configure(writer, format, options);
        try {
            writer.save(path);
        } catch (RuntimeException e) {
            if (e instanceof GlueRuntimeException) {
                throw e;
            }
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot write %s to %s: %s", format, path, e.getMessage());
        }
    }

    private static DataFrameWriter<Row> configure(DataFrameWriter<Row> writer, String format, JsonOptions options) {
        options.getString("compression").ifPresent(codec -> writer.option("compression", codec.toLowerCase(Locale.ROOT)));
        switch (format) {
            case "csv":
                writer.option("header", options.getBoolean("writeHeader", true));
                writer.option("sep", options.getString("separator", ","));
                String quote = options.getString("quoteChar", "\"");
                writer.option("quote", quote.equals("-1") ? "" : quote);
                if (quote.equals("-1")) {
                    writer.option("quoteAll", "false");
                }
                options.getString("escaper").ifPresent(escape -> writer.option("escape", escape));
                break;
            case "parquet":
            case "glueparquet":
                options.getString("blockSize").ifPresent(size -> writer.option("parquet.block.size", size));
                options.getString("pageSize").ifPresent(size -> writer.option("parquet.page.size", size));
                break;
            default:
                break;
        }
        return writer;
    }

    private static Dataset<Row> flattenChoices(DynamicFrame frame, boolean asText) {
        StructType schema = frame.schema();
        Dataset<Row> dataset = frame.toDF();
        boolean hasChoice = schema.fields().stream().anyMatch(field -> field.type() instanceof ChoiceType);
        if (!hasChoice) {
            return dataset;
        }
        List<Column> columns = new ArrayList<>();
        for (Field field : schema.fields()) {
            Column column = dataset.col(DynamicFrame.quote(field.name()));
            if (field.type() instanceof ChoiceType choice) {
                List<Column> alternatives = new ArrayList<>();
                for (GlueType alternative : choice.choices()) {
                    alternatives.add(column.getField(alternative.typeName()).cast("string"));
                }
                column = coalesce(alternatives.toArray(new Column[0]));
                if (!asText) {
                    // JSON keeps the text of the value; numbers become strings in the output.
                    column = column.cast("string");
                }
            }
            columns.add(column.as(field.name()));
        }
        return dataset.select(columns.toArray(new Column[0]));
    }
}
