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
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;

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

    /** Writes the frame and returns the Spark schema of what was written (partition keys included). */
    public static org.apache.spark.sql.types.StructType write(DynamicFrame frame, String connectionType,
            JsonOptions connectionOptions, String format, JsonOptions formatOptions) {
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
        data = withoutNullTypes(data);
        List<String> partitionKeys = connectionOptions.getStringList("partitionKeys");
        for (String key : partitionKeys) {
            if (!List.of(data.columns()).contains(key)) {
                throw invalidInput("partitionKeys column %s is not in the frame; its columns are %s", key, List.of(data.columns()));
            }
        }
        // The columns as a catalog table describes them, before csv's text encoding of nested values.
        org.apache.spark.sql.types.StructType written = data.schema();
        if (format.equals("csv")) {
            data = csvColumns(data, options, partitionKeys);
        }
        DataFrameWriter<Row> writer = data.write().mode(SaveMode.Append).format(sparkFormat);
        if (!partitionKeys.isEmpty()) {
            writer = writer.partitionBy(partitionKeys.toArray(new String[0]));
        }
        writer = configure(writer, format, options);
        try {
            writer.save(path);
            return written;
        } catch (Exception e) {
            // Spark's AnalysisException is checked in Java's eyes, hence Exception.
            if (e instanceof GlueRuntimeException glueException) {
                throw glueException;
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
                if (quote.equals("-1")) {
                    // csvColumns joined the values into one column: nothing left to separate or quote.
                    writer.option("sep", NO_SEPARATOR).option("quote", "").option("escapeQuotes", "false");
                } else {
                    writer.option("quote", quote);
                    options.getString("escaper").ifPresent(escape -> writer.option("escape", escape));
                }
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

    private static final String NO_SEPARATOR = "\u0001";

    /**
     * CSV holds text only: nested values are written as JSON text. With {@code quoteChar} -1 no value
     * is ever quoted, which Spark's CSV writer cannot do, so the values are joined into one column
     * with the separator (named by the joined header) and written with nothing left to quote.
     */
    private static Dataset<Row> csvColumns(Dataset<Row> data, JsonOptions options, List<String> partitionKeys) {
        List<Column> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StructField field : data.schema().fields()) {
            Column column = data.col(DynamicFrame.quote(field.name()));
            if (field.dataType() instanceof org.apache.spark.sql.types.StructType
                    || field.dataType() instanceof org.apache.spark.sql.types.ArrayType
                    || field.dataType() instanceof org.apache.spark.sql.types.MapType) {
                column = org.apache.spark.sql.functions.to_json(column);
            }
            columns.add(column.as(field.name()));
            names.add(field.name());
        }
        if (!options.getString("quoteChar", "\"").equals("-1")) {
            return data.select(columns.toArray(new Column[0]));
        }
        String separator = options.getString("separator", ",");
        List<Column> values = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!partitionKeys.contains(names.get(i))) {
                values.add(coalesce(columns.get(i).cast("string"), org.apache.spark.sql.functions.lit("")));
                header.add(names.get(i));
            }
        }
        List<Column> joined = new ArrayList<>();
        joined.add(org.apache.spark.sql.functions.concat_ws(separator, values.toArray(new Column[0])).as(String.join(separator, header)));
        for (String key : partitionKeys) {
            joined.add(data.col(DynamicFrame.quote(key)));
        }
        return data.select(joined.toArray(new Column[0]));
    }

    /**
     * Spark's file formats cannot store the void type of fields that were null in every record;
     * such fields are written as nullable strings (all null), as Glue writes them without failing.
     */
    private static Dataset<Row> withoutNullTypes(Dataset<Row> data) {
        boolean changed = false;
        List<Column> columns = new ArrayList<>();
        for (StructField field : data.schema().fields()) {
            DataType replaced = replaceNullType(field.dataType());
            Column column = data.col(DynamicFrame.quote(field.name()));
            if (!replaced.equals(field.dataType())) {
                column = column.cast(replaced);
                changed = true;
            }
            columns.add(column.as(field.name()));
        }
        return changed ? data.select(columns.toArray(new Column[0])) : data;
    }

    private static DataType replaceNullType(DataType type) {
        if (type instanceof NullType) {
            return DataTypes.StringType;
        }
        if (type instanceof org.apache.spark.sql.types.StructType struct) {
            List<StructField> fields = new ArrayList<>();
            for (StructField field : struct.fields()) {
                fields.add(new StructField(field.name(), replaceNullType(field.dataType()), true, field.metadata()));
            }
            return DataTypes.createStructType(fields);
        }
        if (type instanceof org.apache.spark.sql.types.ArrayType array) {
            return DataTypes.createArrayType(replaceNullType(array.elementType()), true);
        }
        if (type instanceof org.apache.spark.sql.types.MapType map) {
            return DataTypes.createMapType(map.keyType(), replaceNullType(map.valueType()), true);
        }
        return type;
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
