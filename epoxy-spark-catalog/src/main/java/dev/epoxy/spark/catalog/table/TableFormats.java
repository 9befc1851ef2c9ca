package dev.epoxy.spark.catalog.table;

import static dev.epoxy.spark.catalog.CatalogException.invalidInput;
import static dev.epoxy.spark.catalog.CatalogException.notSupported;
import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Translates between a Glue table's storage (SerDe, input/output formats, {@code classification})
 * and Spark's data sources: {@link #readFormat} for reads, {@link #storageFormat} for the tables and
 * partitions that writes register.
 *
 * <p>The SerDe decides first (it is what Athena and Hive use to read the files), then the input format,
 * then {@code classification} (what crawlers and the console set). Recognised: JSON ({@code
 * org.openx.data.jsonserde.JsonSerDe}, Hive's and HCatalog's JsonSerDe), CSV ({@code OpenCSVSerde}
 * with {@code separatorChar}/{@code quoteChar}/{@code escapeChar}; {@code LazySimpleSerDe} with {@code
 * field.delim} or {@code serialization.format}, no quoting), Parquet, ORC and Avro. The table parameter
 * {@code skip.header.line.count} of 1 becomes Spark's {@code header}.
 */
public final class TableFormats {
    public static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    public static final String HIVE_JSON_SERDE = "org.apache.hadoop.hive.serde2.JsonSerDe";
    public static final String HCATALOG_JSON_SERDE = "org.apache.hive.hcatalog.data.JsonSerDe";
    public static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    public static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";

    public static final String TEXT_INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
    public static final String TEXT_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    public static final String PARQUET_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public static final String ORC_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    public static final String ORC_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
    public static final String AVRO_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    public static final String AVRO_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";

    public static final String CLASSIFICATION = "classification";
    public static final String SKIP_HEADER_LINE_COUNT = "skip.header.line.count";

    // Hive's LazySimpleSerDe separates fields with Ctrl-A unless told otherwise.
    private static final String HIVE_DEFAULT_FIELD_DELIMITER = "\u0001";

    private TableFormats() {}

    /**
     * The Spark data source and options that read the files of {@code table}.
     *
     * @throws dev.epoxy.spark.catalog.CatalogException INVALID_INPUT when the table names no format Epoxy
     *     knows, NOT_SUPPORTED for a known format Spark cannot read here (e.g. more than one header line)
     */
    public static SparkTableFormat readFormat(Table table) {
        requireNonNull(table, "table is null");
        StorageDescriptor descriptor = Optional.ofNullable(table.storageDescriptor()).orElse(StorageDescriptor.builder().build());
        Map<String, String> tableParameters = table.hasParameters() ? table.parameters() : Map.of();
        Map<String, String> descriptorParameters = descriptor.hasParameters() ? descriptor.parameters() : Map.of();
        SerDeInfo serde = Optional.ofNullable(descriptor.serdeInfo()).orElse(SerDeInfo.builder().build());
        Map<String, String> serdeParameters = serde.hasParameters() ? serde.parameters() : Map.of();
        String serdeLibrary = Optional.ofNullable(serde.serializationLibrary()).orElse("");
        String inputFormat = Optional.ofNullable(descriptor.inputFormat()).orElse("");
        String classification = Optional.ofNullable(tableParameters.get(CLASSIFICATION))
                .or(() -> Optional.ofNullable(descriptorParameters.get(CLASSIFICATION)))
                .orElse("").trim().toLowerCase(Locale.ROOT);
        String name = tableName(table);

        SparkTableFormat format = switch (serdeLibrary) {
            case JSON_SERDE, HIVE_JSON_SERDE, HCATALOG_JSON_SERDE -> SparkTableFormat.of("json");
            case OPEN_CSV_SERDE -> openCsv(serdeParameters);
            case LAZY_SIMPLE_SERDE -> classification.equals("json") ? SparkTableFormat.of("json") : lazySimple(serdeParameters);
            case PARQUET_SERDE -> SparkTableFormat.of("parquet");
            case ORC_SERDE -> SparkTableFormat.of("orc");
            case AVRO_SERDE -> SparkTableFormat.of("avro");
            default -> byInputFormat(inputFormat)
                    .or(() -> byClassification(classification, tableParameters, serdeParameters))
                    .orElseThrow(() -> invalidInput("Cannot read table %s: its format is unknown (SerDe '%s', InputFormat "
                            + "'%s', classification '%s'); Epoxy reads json, csv, parquet, orc and avro tables",
                            name, serdeLibrary, inputFormat, classification));
        };
        if (format.name().equals("csv")) {
            format = format.withOptions(headerOption(name, tableParameters));
        }
        return format;
    }

    /**
     * The Hive storage that a table or partition written by Spark's {@code format} (json, csv, parquet,
     * orc, avro) with writer {@code options} gets registered with. For csv the options {@code sep},
     * {@code quote}, {@code escape} and {@code header} are kept in OpenCSVSerde's parameters and {@code
     * skip.header.line.count} (see {@link #tableParameters}).
     *
     * @throws dev.epoxy.spark.catalog.CatalogException INVALID_INPUT for another format
     */
    public static HiveStorageFormat storageFormat(String format, Map<String, String> options) {
        requireNonNull(format, "format is null");
        requireNonNull(options, "options is null");
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> new HiveStorageFormat(TEXT_INPUT_FORMAT, TEXT_OUTPUT_FORMAT, JSON_SERDE, Map.of(), "json");
            case "csv" -> {
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("separatorChar", options.getOrDefault("sep", options.getOrDefault("delimiter", ",")));
                parameters.put("quoteChar", options.getOrDefault("quote", "\""));
                parameters.put("escapeChar", options.getOrDefault("escape", "\\"));
                yield new HiveStorageFormat(TEXT_INPUT_FORMAT, TEXT_OUTPUT_FORMAT, OPEN_CSV_SERDE, parameters, "csv");
            }
            case "parquet" -> new HiveStorageFormat(PARQUET_INPUT_FORMAT, PARQUET_OUTPUT_FORMAT, PARQUET_SERDE,
                    Map.of("serialization.format", "1"), "parquet");
            case "orc" -> new HiveStorageFormat(ORC_INPUT_FORMAT, ORC_OUTPUT_FORMAT, ORC_SERDE, Map.of(), "orc");
            case "avro" -> new HiveStorageFormat(AVRO_INPUT_FORMAT, AVRO_OUTPUT_FORMAT, AVRO_SERDE, Map.of(), "avro");
            default -> throw invalidInput("Cannot register a table of format %s in the Data Catalog: use json, csv, parquet, "
                    + "orc or avro", format);
        };
    }

    /** The table parameters a table written with {@code storage} and writer {@code options} gets. */
    public static Map<String, String> tableParameters(HiveStorageFormat storage, Map<String, String> options) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(CLASSIFICATION, storage.classification());
        if (storage.classification().equals("csv") && Boolean.parseBoolean(options.getOrDefault("header", "false"))) {
            parameters.put(SKIP_HEADER_LINE_COUNT, "1");
        }
        return parameters;
    }

    /** A StorageDescriptor builder with {@code storage}'s formats and SerDe (columns and location are the caller's). */
    public static StorageDescriptor.Builder storageDescriptor(HiveStorageFormat storage) {
        return StorageDescriptor.builder()
                .inputFormat(storage.inputFormat())
                .outputFormat(storage.outputFormat())
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary(storage.serializationLibrary())
                        .parameters(storage.serdeParameters())
                        .build())
                .parameters(Map.of(CLASSIFICATION, storage.classification()));
    }

    private static SparkTableFormat openCsv(Map<String, String> serdeParameters) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("sep", serdeParameters.getOrDefault("separatorChar", ","));
        options.put("quote", serdeParameters.getOrDefault("quoteChar", "\""));
        options.put("escape", serdeParameters.getOrDefault("escapeChar", "\\"));
        return new SparkTableFormat("csv", options);
    }

    private static SparkTableFormat lazySimple(Map<String, String> serdeParameters) {
        Map<String, String> options = new LinkedHashMap<>();
        String delimiter = Optional.ofNullable(serdeParameters.get("field.delim"))
                .or(() -> Optional.ofNullable(serdeParameters.get("serialization.format")))
                .orElse(HIVE_DEFAULT_FIELD_DELIMITER);
        // serialization.format "1" is Hive's way of saying "the default", not a delimiter of '1'.
        options.put("sep", delimiter.equals("1") && !serdeParameters.containsKey("field.delim") ? HIVE_DEFAULT_FIELD_DELIMITER : delimiter);
        // LazySimpleSerDe has no quoting: a '"' is data.
        options.put("quote", "");
        Optional.ofNullable(serdeParameters.get("escape.delim")).ifPresent(escape -> options.put("escape", escape));
        return new SparkTableFormat("csv", options);
    }

    private static Optional<SparkTableFormat> byInputFormat(String inputFormat) {
        return switch (inputFormat) {
            case PARQUET_INPUT_FORMAT -> Optional.of(SparkTableFormat.of("parquet"));
            case ORC_INPUT_FORMAT -> Optional.of(SparkTableFormat.of("orc"));
            case AVRO_INPUT_FORMAT -> Optional.of(SparkTableFormat.of("avro"));
            default -> Optional.empty();
        };
    }

    private static Optional<SparkTableFormat> byClassification(String classification, Map<String, String> tableParameters,
            Map<String, String> serdeParameters) {
        return switch (classification) {
            case "json", "parquet", "orc", "avro" -> Optional.of(SparkTableFormat.of(classification));
            case "csv" -> {
                // Crawlers record the delimiter as a table parameter.
                String delimiter = Optional.ofNullable(serdeParameters.get("separatorChar"))
                        .or(() -> Optional.ofNullable(serdeParameters.get("field.delim")))
                        .or(() -> Optional.ofNullable(tableParameters.get("delimiter")))
                        .orElse(",");
                yield Optional.of(new SparkTableFormat("csv", Map.of("sep", delimiter)));
            }
            default -> Optional.empty();
        };
    }

    private static Map<String, String> headerOption(String table, Map<String, String> tableParameters) {
        String count = Optional.ofNullable(tableParameters.get(SKIP_HEADER_LINE_COUNT)).orElse("0").trim();
        int lines;
        try {
            lines = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw invalidInput("Cannot read table %s: table parameter %s must be a number, got '%s'", table,
                    SKIP_HEADER_LINE_COUNT, count);
        }
        if (lines > 1) {
            throw notSupported("Cannot read table %s: %s is %s; Spark's CSV reader skips at most one header line", table,
                    SKIP_HEADER_LINE_COUNT, lines);
        }
        return Map.of("header", Boolean.toString(lines == 1));
    }

    static String tableName(Table table) {
        return Optional.ofNullable(table.databaseName()).map(database -> database + ".").orElse("") + table.name();
    }
}
