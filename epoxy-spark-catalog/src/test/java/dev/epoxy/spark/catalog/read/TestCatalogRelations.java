package dev.epoxy.spark.catalog.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.spark.catalog.CatalogException;
import dev.epoxy.spark.catalog.table.TableFormats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

class TestCatalogRelations {
    private static SparkSession spark;

    @TempDir
    Path directory;

    @BeforeAll
    static void startSpark() {
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        spark = SparkSession.builder()
                .master("local[2]")
                .appName(TestCatalogRelations.class.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void pushDownPredicateListsOnlyMatchingPartitions() throws IOException {
        List<CatalogPartition> partitions = new ArrayList<>();
        for (String month : List.of("01", "02", "03")) {
            Path partition = Files.createDirectories(directory.resolve("year=2026/month=" + month));
            if (month.equals("02")) {
                Files.writeString(partition.resolve("part-0.json"), "{\"order_id\":\"a\",\"amount\":1.5}\n{\"order_id\":\"b\",\"amount\":2}\n");
            } else {
                // Not JSON and not even text: any read of these files would fail or yield corrupt records.
                Files.write(partition.resolve("part-0.json"), new byte[] {0, (byte) 0xff, 0x7b, 0x22, 0});
            }
            partitions.add(new CatalogPartition(List.of("2026", month), partition.toUri().toString()));
        }
        TestingPartitionSource source = new TestingPartitionSource(partitions);
        Dataset<Row> rows = CatalogRelations.read(spark, jsonTable(true), source, Optional.empty(), Map.of())
                .where("year == '2026' and month == '02'");

        List<Row> collected = rows.orderBy("order_id").collectAsList();
        assertThat(collected).hasSize(2);
        assertThat(collected.get(0).getString(0)).isEqualTo("a");
        assertThat(collected.get(0).getDouble(1)).isEqualTo(1.5);
        assertThat(collected.get(0).getString(2)).isEqualTo("2026");
        assertThat(collected.get(0).getString(3)).isEqualTo("02");
        assertThat(rows.columns()).containsExactly("order_id", "amount", "year", "month");

        GlueCatalogFileIndex index = fileIndex(rows);
        assertThat(index.lastListedLocations()).singleElement().asString().endsWith("month=02");
        assertThat(source.expressions()).contains(Optional.of("year = '2026' AND month = '02'"));
        assertThat(scan(rows).metadata().get("PartitionFilters").get()).contains("month").contains("02");
    }

    @Test
    void catalogPartitionPredicateIsSentToTheCatalog() throws IOException {
        Path partition = Files.createDirectories(directory.resolve("year=2025/month=12"));
        Files.writeString(partition.resolve("part-0.json"), "{\"order_id\":\"z\",\"amount\":3}\n");
        TestingPartitionSource source = new TestingPartitionSource(List.of(new CatalogPartition(List.of("2025", "12"),
                partition.toString())));
        Dataset<Row> rows = CatalogRelations.read(spark, jsonTable(true), source, Optional.of("year = '2025'"), Map.of());
        assertThat(rows.count()).isEqualTo(1);
        assertThat(source.expressions()).containsOnly(Optional.of("year = '2025'"));
    }

    @Test
    void typedPartitionKeysArePrunedByValue() throws IOException {
        List<CatalogPartition> partitions = new ArrayList<>();
        for (int day = 1; day <= 12; day++) {
            Path partition = Files.createDirectories(directory.resolve("day=" + day));
            Files.writeString(partition.resolve("data.json"), day <= 10 ? "{\"order_id\":\"d" + day + "\"}\n" : "garbage{");
            partitions.add(new CatalogPartition(List.of(Integer.toString(day)), partition.toString()));
        }
        Table table = jsonTable(false).toBuilder().partitionKeys(column("day", "int")).build();
        Dataset<Row> rows = CatalogRelations.read(spark, table, new TestingPartitionSource(partitions), Optional.empty(), Map.of())
                .where("day between 9 and 10");
        assertThat(rows.select("order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrder("d9", "d10");
    }

    @Test
    void fileFilterSeesOnlyTheFilesOfSelectedPartitionsAndTheOthersAreNeverOpened() throws IOException {
        List<CatalogPartition> partitions = new ArrayList<>();
        for (String month : List.of("01", "02")) {
            Path partition = Files.createDirectories(directory.resolve("year=2026/month=" + month));
            Files.writeString(partition.resolve("old.json"), "garbage{");
            Files.writeString(partition.resolve("new.json"), "{\"order_id\":\"" + month + "\",\"amount\":1}\n");
            partitions.add(new CatalogPartition(List.of("2026", month), partition.toString()));
        }
        List<List<String>> offered = new ArrayList<>();
        InputFileFilter onlyNew = listed -> {
            offered.add(listed.stream().map(file -> file.getPath().getName() + "@" + file.getPath().getParent().getName()).sorted().toList());
            return listed.stream().filter(file -> file.getPath().getName().equals("new.json")).toList();
        };
        Dataset<Row> rows = CatalogRelations.read(spark, jsonTable(true), new TestingPartitionSource(partitions), Optional.empty(),
                Map.of(), onlyNew).where("month = '02'");

        // A garbage line would come back as a row of nulls: exactly one row means old.json was never read.
        List<Row> collected = rows.collectAsList();
        assertThat(collected).hasSize(1);
        assertThat(collected.get(0).getString(0)).isEqualTo("02");
        assertThat(offered).isNotEmpty().allSatisfy(files -> assertThat(files).containsExactly("new.json@month=02", "old.json@month=02"));
    }

    @Test
    void fileFilterSelectingNothingGivesAnEmptyScanWithTheTableSchema() throws IOException {
        Files.writeString(directory.resolve("part-0.json"), "{\"order_id\":\"a\",\"amount\":1}\n");
        Dataset<Row> rows = CatalogRelations.read(spark, jsonTable(false), new TestingPartitionSource(List.of()), Optional.empty(),
                Map.of(), listed -> List.of());
        assertThat(rows.count()).isZero();
        assertThat(rows.columns()).containsExactly("order_id", "amount");
        assertThat(rows.inputFiles()).isEmpty();
    }

    @Test
    void csvTableWithHeaderSkipsTheHeaderLine() throws IOException {
        Files.writeString(directory.resolve("data.csv"), "id|name\n1|'a|b'\n2|c\n");
        Table table = Table.builder().databaseName("db").name("people")
                .parameters(Map.of("skip.header.line.count", "1"))
                .storageDescriptor(StorageDescriptor.builder()
                        .location(directory.toString())
                        .columns(column("id", "int"), column("name", "string"))
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(TableFormats.OPEN_CSV_SERDE)
                                .parameters(Map.of("separatorChar", "|", "quoteChar", "'")).build())
                        .build())
                .build();
        List<Row> rows = CatalogRelations.read(spark, table, new TestingPartitionSource(List.of()), Optional.empty(), Map.of())
                .orderBy("id").collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getInt(0)).isEqualTo(1);
        assertThat(rows.get(0).getString(1)).isEqualTo("a|b");
    }

    @Test
    void missingLocationIsAnErrorNamingTableAndLocation() {
        Path missing = directory.resolve("nothing-here");
        Table table = jsonTable(false).toBuilder()
                .storageDescriptor(jsonTable(false).storageDescriptor().toBuilder().location(missing.toString()).build())
                .build();
        assertThatThrownBy(() -> CatalogRelations.read(spark, table, new TestingPartitionSource(List.of()), Optional.empty(), Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Cannot read table sales_db.raw_orders: its location %s does not exist", missing);
    }

    @Test
    void missingPartitionLocationIsAnErrorWhenThePartitionIsSelected() throws IOException {
        Path present = Files.createDirectories(directory.resolve("year=2026/month=01"));
        Files.writeString(present.resolve("part-0.json"), "{\"order_id\":\"a\"}\n");
        Path missing = directory.resolve("year=2026/month=02");
        TestingPartitionSource source = new TestingPartitionSource(List.of(
                new CatalogPartition(List.of("2026", "01"), present.toString()),
                new CatalogPartition(List.of("2026", "02"), missing.toString())));
        Dataset<Row> rows = CatalogRelations.read(spark, jsonTable(true), source, Optional.empty(), Map.of());
        assertThat(rows.where("month = '01'").count()).isEqualTo(1);
        assertThatThrownBy(rows::count)
                .isInstanceOf(CatalogException.class)
                .hasMessage("Cannot read table sales_db.raw_orders: the location %s of partition [2026, 02] does not exist", missing);
    }

    @Test
    void tableWithoutLocationIsAnError() {
        Table table = jsonTable(false).toBuilder()
                .storageDescriptor(jsonTable(false).storageDescriptor().toBuilder().location(null).build())
                .build();
        assertThatThrownBy(() -> CatalogRelations.read(spark, table, new TestingPartitionSource(List.of()), Optional.empty(), Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Cannot read table sales_db.raw_orders: it has no location (StorageDescriptor.Location)");
    }

    private Table jsonTable(boolean partitioned) {
        Table.Builder table = Table.builder().databaseName("sales_db").name("raw_orders")
                .storageDescriptor(StorageDescriptor.builder()
                        .location(directory.toString())
                        .columns(column("order_id", "string"), column("amount", "double"))
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(TableFormats.JSON_SERDE).build())
                        .build());
        if (partitioned) {
            table.partitionKeys(column("year", "string"), column("month", "string"));
        }
        return table.build();
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static FileSourceScanExec scan(Dataset<Row> rows) {
        SparkPlan plan = rows.queryExecution().executedPlan();
        return (FileSourceScanExec) plan.collectFirst(new scala.runtime.AbstractPartialFunction<SparkPlan, SparkPlan>() {
            @Override
            public boolean isDefinedAt(SparkPlan node) {
                return node instanceof FileSourceScanExec;
            }

            @Override
            public SparkPlan apply(SparkPlan node) {
                return node;
            }
        }).get();
    }

    private static GlueCatalogFileIndex fileIndex(Dataset<Row> rows) {
        return (GlueCatalogFileIndex) scan(rows).relation().location();
    }
}
