package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * One table a crawl decided on: name, location, format, columns and partition keys, and how Glue
 * writes such a table (input/output formats, SerDe and table parameters per classification, as
 * Glue's crawlers set them).
 */
record TableDefinition(
        String name,
        String location,
        Classification classification,
        Optional<CsvFormat> csv,
        boolean gzip,
        List<Column> columns,
        List<String> partitionKeys,
        String crawlerName,
        int objectCount,
        long sizeBytes) implements CatalogTable {

    static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    TableDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(csv, "csv is null");
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        requireNonNull(crawlerName, "crawlerName is null");
    }

    @Override
    public TableInput tableInput() {
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .parameters(parameters())
                .partitionKeys(partitionKeys.stream().map(key -> glueColumn(new Column(key, "string"))).toList())
                .storageDescriptor(storageDescriptor(location))
                .build();
    }

    @Override
    public StorageDescriptor storageDescriptor(String at) {
        return StorageDescriptor.builder()
                .columns(columns.stream().map(TableDefinition::glueColumn).toList())
                .location(at)
                .inputFormat(inputFormat())
                .outputFormat(outputFormat())
                .compressed(gzip)
                .numberOfBuckets(-1)
                .serdeInfo(serDe())
                .parameters(parameters())
                .storedAsSubDirectories(false)
                .build();
    }

    @Override
    public Map<String, String> identifyingParameters() {
        return Map.of("classification", classification.parameterValue());
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("classification", classification.parameterValue());
        parameters.put("compressionType", gzip ? "gzip" : "none");
        parameters.put("typeOfData", "file");
        parameters.put("UPDATED_BY_CRAWLER", crawlerName);
        parameters.put("CrawlerSchemaSerializerVersion", "1.0");
        parameters.put("CrawlerSchemaDeserializerVersion", "1.0");
        parameters.put("objectCount", String.valueOf(objectCount));
        parameters.put("sizeKey", String.valueOf(sizeBytes));
        csv.ifPresent(format -> {
            parameters.put("delimiter", String.valueOf(format.delimiter()));
            parameters.put("areColumnsQuoted", "false");
            if (format.hasHeader()) {
                parameters.put("skip.header.line.count", "1");
            }
        });
        return parameters;
    }

    private String inputFormat() {
        return switch (classification) {
            case JSON, CSV, UNKNOWN -> TEXT_INPUT;
            case PARQUET -> "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
            case ORC -> "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
            case AVRO -> "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
        };
    }

    private String outputFormat() {
        return switch (classification) {
            case JSON, CSV, UNKNOWN -> TEXT_OUTPUT;
            case PARQUET -> "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
            case ORC -> "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
            case AVRO -> "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";
        };
    }

    private SerDeInfo serDe() {
        return switch (classification) {
            case JSON -> SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                    .parameters(Map.of("paths", String.join(",", SchemaInference.names(columns)))).build();
            case CSV, UNKNOWN -> SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                    .parameters(Map.of("field.delim", csv.map(format -> String.valueOf(format.delimiter())).orElse(","))).build();
            case PARQUET -> SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                    .parameters(Map.of("serialization.format", "1")).build();
            case ORC -> SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.ql.io.orc.OrcSerde")
                    .parameters(Map.of("serialization.format", "1")).build();
            case AVRO -> SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.avro.AvroSerDe")
                    .parameters(Map.of("serialization.format", "1")).build();
        };
    }

    static software.amazon.awssdk.services.glue.model.Column glueColumn(Column column) {
        return software.amazon.awssdk.services.glue.model.Column.builder().name(column.name()).type(column.type()).build();
    }
}
