package dev.epoxy.spark.catalog.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.spark.catalog.CatalogException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

class TestTableFormats {
    @Test
    void openxJsonSerdeReadsAsJson() {
        assertThat(TableFormats.readFormat(table(TableFormats.JSON_SERDE, Map.of(), "", Map.of())))
                .isEqualTo(SparkTableFormat.of("json"));
    }

    @Test
    void hiveJsonSerdeReadsAsJson() {
        assertThat(TableFormats.readFormat(table(TableFormats.HIVE_JSON_SERDE, Map.of(), "", Map.of())).name()).isEqualTo("json");
    }

    @Test
    void openCsvSerdeParametersAndHeaderBecomeSparkCsvOptions() {
        Table table = table(TableFormats.OPEN_CSV_SERDE, Map.of("separatorChar", "|", "quoteChar", "'", "escapeChar", "#"), "",
                Map.of("skip.header.line.count", "1"));
        assertThat(TableFormats.readFormat(table))
                .isEqualTo(new SparkTableFormat("csv", Map.of("sep", "|", "quote", "'", "escape", "#", "header", "true")));
    }

    @Test
    void openCsvSerdeDefaultsAreCommaDoubleQuoteBackslash() {
        assertThat(TableFormats.readFormat(table(TableFormats.OPEN_CSV_SERDE, Map.of(), "", Map.of())))
                .isEqualTo(new SparkTableFormat("csv", Map.of("sep", ",", "quote", "\"", "escape", "\\", "header", "false")));
    }

    @Test
    void lazySimpleSerdeUsesFieldDelimiterWithoutQuoting() {
        Table table = table(TableFormats.LAZY_SIMPLE_SERDE, Map.of("field.delim", "\t", "serialization.format", "\t"), "",
                Map.of("classification", "csv"));
        assertThat(TableFormats.readFormat(table))
                .isEqualTo(new SparkTableFormat("csv", Map.of("sep", "\t", "quote", "", "header", "false")));
    }

    @Test
    void lazySimpleSerdeFallsBackToSerializationFormatThenCtrlA() {
        assertThat(TableFormats.readFormat(table(TableFormats.LAZY_SIMPLE_SERDE, Map.of("serialization.format", ";"), "", Map.of()))
                .options()).containsEntry("sep", ";");
        assertThat(TableFormats.readFormat(table(TableFormats.LAZY_SIMPLE_SERDE, Map.of("serialization.format", "1"), "", Map.of()))
                .options()).containsEntry("sep", "\u0001");
    }

    @Test
    void columnarFormatsAreFoundBySerdeInputFormatOrClassification() {
        assertThat(TableFormats.readFormat(table(TableFormats.PARQUET_SERDE, Map.of(), "", Map.of())).name()).isEqualTo("parquet");
        assertThat(TableFormats.readFormat(table("", Map.of(), TableFormats.ORC_INPUT_FORMAT, Map.of())).name()).isEqualTo("orc");
        assertThat(TableFormats.readFormat(table("", Map.of(), "", Map.of("classification", "Avro"))).name()).isEqualTo("avro");
    }

    @Test
    void unknownFormatIsAnErrorNamingTheTable() {
        assertThatThrownBy(() -> TableFormats.readFormat(table("com.example.XmlSerDe", Map.of(), "", Map.of("classification", "xml"))))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Cannot read table db.t: its format is unknown (SerDe 'com.example.XmlSerDe', InputFormat '', "
                        + "classification 'xml'); Epoxy reads json, csv, parquet, orc and avro tables");
    }

    @Test
    void moreThanOneHeaderLineIsNotSupported() {
        assertThatThrownBy(() -> TableFormats.readFormat(table(TableFormats.OPEN_CSV_SERDE, Map.of(), "",
                Map.of("skip.header.line.count", "2"))))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Cannot read table db.t: skip.header.line.count is 2; Spark's CSV reader skips at most one header line")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(CatalogException.Kind.NOT_SUPPORTED);
    }

    @Test
    void writtenCsvStorageReadsBackWithTheSameOptions() {
        Map<String, String> options = Map.of("sep", ";", "quote", "'", "escape", "\\", "header", "true");
        HiveStorageFormat storage = TableFormats.storageFormat("csv", options);
        Table table = Table.builder().databaseName("db").name("t")
                .parameters(TableFormats.tableParameters(storage, options))
                .storageDescriptor(TableFormats.storageDescriptor(storage).build())
                .build();
        assertThat(TableFormats.readFormat(table)).isEqualTo(new SparkTableFormat("csv", options));
        assertThat(table.parameters()).containsEntry("classification", "csv").containsEntry("skip.header.line.count", "1");
    }

    @Test
    void everyWritableFormatReadsBackAsItself() {
        for (String format : new String[] {"json", "parquet", "orc", "avro"}) {
            HiveStorageFormat storage = TableFormats.storageFormat(format, Map.of());
            Table table = Table.builder().databaseName("db").name("t")
                    .storageDescriptor(TableFormats.storageDescriptor(storage).build()).build();
            assertThat(TableFormats.readFormat(table).name()).isEqualTo(format);
            assertThat(storage.classification()).isEqualTo(format);
        }
    }

    @Test
    void unknownWriteFormatIsAnError() {
        assertThatThrownBy(() -> TableFormats.storageFormat("xml", Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Cannot register a table of format xml in the Data Catalog: use json, csv, parquet, orc or avro");
    }

    private static Table table(String serde, Map<String, String> serdeParameters, String inputFormat, Map<String, String> parameters) {
        return Table.builder()
                .databaseName("db")
                .name("t")
                .parameters(parameters)
                .storageDescriptor(StorageDescriptor.builder()
                        .inputFormat(inputFormat)
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(serde).parameters(serdeParameters).build())
                        .build())
                .build();
    }
}
