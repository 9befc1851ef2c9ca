package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The Spark file source of a Glue table (from its classification, SerDe or input format) and its reader
 * options, and the Glue storage a Spark provider is registered with.
 *
 * @param provider the Spark short name: {@code json}, {@code csv}, {@code parquet}, {@code orc}, {@code avro}
 * @param options the reader/writer options that the SerDe parameters mean ({@code sep}, {@code header}, …)
 */
record SqlTableFormat(String provider, Map<String, String> options) {
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private static final String LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    private static final String OPEN_CSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";

    SqlTableFormat {
        requireNonNull(provider, "provider is null");
        options = Map.copyOf(options);
    }

    /** The format of a Glue table; a table whose format cannot be told is an error naming it. */
    static SqlTableFormat of(Table table) {
        StorageDescriptor storage = table.storageDescriptor();
        String classification = Optional.ofNullable(table.parameters()).map(p -> p.get("classification")).orElse("");
        SerDeInfo serde = storage == null ? null : storage.serdeInfo();
        String library = serde == null || serde.serializationLibrary() == null ? "" : serde.serializationLibrary();
        Map<String, String> serdeParameters = serde == null || serde.parameters() == null ? Map.of() : serde.parameters();
        String inputFormat = storage == null || storage.inputFormat() == null ? "" : storage.inputFormat();
        String kind = classification.toLowerCase(Locale.ROOT);
        if (kind.isEmpty()) {
            kind = kindOf(library.toLowerCase(Locale.ROOT), inputFormat.toLowerCase(Locale.ROOT));
        }
        Map<String, String> options = new HashMap<>();
        switch (kind) {
            case "json", "parquet", "orc", "avro" -> {}
            case "csv" -> csvOptions(library, serdeParameters, tableParameters(table), options);
            default -> throw new IllegalArgumentException(String.format(
                    "Cannot read table %s.%s: unsupported format (classification '%s', SerDe '%s', InputFormat '%s')",
                    table.databaseName(), table.name(), classification, library, inputFormat));
        }
        return new SqlTableFormat(kind, options);
    }

    /** Glue storage for a table written by Spark with this provider. */
    static StorageDescriptor.Builder storageFor(String provider, Map<String, String> options, String location) {
        String kind = provider.toLowerCase(Locale.ROOT);
        StorageDescriptor.Builder storage = StorageDescriptor.builder().location(location);
        return switch (kind) {
            case "parquet" -> storage.inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                    .serdeInfo(serde("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Map.of()));
            case "orc" -> storage.inputFormat("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat")
                    .serdeInfo(serde("org.apache.hadoop.hive.ql.io.orc.OrcSerde", Map.of()));
            case "avro" -> storage.inputFormat("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat")
                    .serdeInfo(serde("org.apache.hadoop.hive.serde2.avro.AvroSerDe", Map.of()));
            case "json" -> storage.inputFormat(TEXT_INPUT).outputFormat(TEXT_OUTPUT)
                    .serdeInfo(serde("org.openx.data.jsonserde.JsonSerDe", Map.of()));
            case "csv" -> storage.inputFormat(TEXT_INPUT).outputFormat(TEXT_OUTPUT)
                    .serdeInfo(serde(LAZY_SIMPLE, Map.of("field.delim", options.getOrDefault("sep", options.getOrDefault("delimiter", ",")))));
            default -> throw new IllegalArgumentException("Cannot register a table with provider " + provider
                    + " in the Glue Data Catalog (supported: parquet, orc, avro, json, csv)");
        };
    }

    private static String kindOf(String library, String inputFormat) {
        if (library.contains("parquet") || inputFormat.contains("parquet")) {
            return "parquet";
        }
        if (library.contains("orc") || inputFormat.contains("orc")) {
            return "orc";
        }
        if (library.contains("avro") || inputFormat.contains("avro")) {
            return "avro";
        }
        if (library.contains("json")) {
            return "json";
        }
        if (library.equals(OPEN_CSV.toLowerCase(Locale.ROOT)) || library.equals(LAZY_SIMPLE.toLowerCase(Locale.ROOT))) {
            return "csv";
        }
        return "";
    }

    private static void csvOptions(String library, Map<String, String> serde, Map<String, String> table, Map<String, String> options) {
        if (OPEN_CSV.equals(library)) {
            options.put("sep", serde.getOrDefault("separatorChar", ","));
            options.put("quote", serde.getOrDefault("quoteChar", "\""));
            options.put("escape", serde.getOrDefault("escapeChar", "\\"));
        } else {
            // LazySimpleSerDe's default field delimiter is Ctrl-A.
            options.put("sep", serde.getOrDefault("field.delim", serde.getOrDefault("serialization.format", "\u0001")));
        }
        String skip = table.getOrDefault("skip.header.line.count", serde.getOrDefault("skip.header.line.count", "0"));
        options.put("header", String.valueOf(!skip.strip().equals("0")));
    }

    private static Map<String, String> tableParameters(Table table) {
        return table.parameters() == null ? Map.of() : table.parameters();
    }

    private static SerDeInfo serde(String library, Map<String, String> parameters) {
        return SerDeInfo.builder().serializationLibrary(library).parameters(parameters).build();
    }
}
