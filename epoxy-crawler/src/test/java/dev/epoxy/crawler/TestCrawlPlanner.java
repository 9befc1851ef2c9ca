package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans crawls of real files in a temporary directory with a local SparkSession (one per class). */
class TestCrawlPlanner {
    private static SparkSession spark;

    @TempDir
    Path directory;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("TestCrawlPlanner").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private CrawlPlanner planner() {
        return new CrawlPlanner(new FileListing(spark.sparkContext().hadoopConfiguration()),
                new FileClassifier(spark.sparkContext().hadoopConfiguration()),
                new FooterColumns(spark.sparkContext().hadoopConfiguration()), new SchemaInference(spark));
    }

    private CrawlRequest request(Path includePath, List<String> exclusions) {
        return request(includePath, exclusions, null);
    }

    private CrawlRequest request(Path includePath, List<String> exclusions, String configuration) {
        return new CrawlRequest("c", "db", List.of(new CrawlRequest.Target(includePath.toUri().toString(), exclusions, 0)), List.of(), "p_",
                CrawlRequest.UpdateBehavior.UPDATE_IN_DATABASE, CrawlRequest.DeleteBehavior.LOG, CrawlRequest.RecrawlBehavior.CRAWL_EVERYTHING,
                configuration, directory.resolve("seen").toString(), directory.resolve("result").toString());
    }

    private CrawlPlanner.Plan plan(CrawlRequest request) throws IOException {
        return planner().plan(request, Set.of(), Map.of());
    }

    private static TablePlan table(CrawlPlanner.Plan plan, String name) {
        return plan.tables().stream().filter(table -> table.tableName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + plan.tables().stream().map(TablePlan::tableName).toList()));
    }

    private void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void partitionedJsonBecomesOneTableWithItsPartitions() throws IOException {
        Path root = directory.resolve("Raw-Orders");
        write(root.resolve("year=2026/month=01/a.json"), "{\"order_id\": 1, \"customer\": \"x\", \"tags\": [\"a\"]}\n");
        write(root.resolve("year=2026/month=02/b.json"), "{\"order_id\": 2, \"customer\": \"y\", \"amount\": 1.5}\n");
        write(root.resolve("year=2026/month=02/_SUCCESS"), "");
        write(root.resolve("year=2026/month=02/notes.tmp"), "not data");

        CrawlPlanner.Plan plan = plan(request(root, List.of("**.tmp")));

        TablePlan table = plan.tables().get(0);
        assertThat(table.tableName()).isEqualTo("p_raw_orders");
        TableDefinition definition = table.table().map(TableDefinition.class::cast).orElseThrow();
        // In the order of the data's first record, then what later records add.
        assertThat(definition.columns()).containsExactly(
                new Column("order_id", "bigint"), new Column("customer", "string"), new Column("tags", "array<string>"), new Column("amount", "double"));
        assertThat(definition.partitionKeys()).containsExactly("year", "month");
        assertThat(definition.classification()).isEqualTo(Classification.JSON);
        assertThat(table.partitions()).containsOnlyKeys(List.of("2026", "01"), List.of("2026", "02"));
        assertThat(table.partitions().get(List.of("2026", "02"))).isEqualTo(root.toUri() + "year=2026/month=02/");
        assertThat(plan.filesListed()).isEqualTo(2);
    }

    @Test
    void csvHeaderNamesColumnsAndTypesAreInferred() throws IOException {
        Path root = directory.resolve("people");
        write(root.resolve("a.csv"), "name,age\nada,36\n");
        TableDefinition definition = plan(request(root, List.of())).tables().get(0).table().map(TableDefinition.class::cast).orElseThrow();
        assertThat(definition.columns()).containsExactly(new Column("name", "string"), new Column("age", "int"));
        assertThat(definition.parameters()).containsEntry("skip.header.line.count", "1").containsEntry("classification", "csv");
    }

    @Test
    void parquetSchemaIsMergedAcrossFiles() throws IOException {
        Path root = directory.resolve("scores");
        spark.sql("SELECT 1L AS id, 'one' AS label").write().parquet(root.resolve("part=1").toString());
        // Similar schemas (one contains the other), so one table with part as its partition key.
        spark.sql("SELECT 2L AS id, 'two' AS label, 0.5D AS score").write().parquet(root.resolve("part=2").toString());
        TableDefinition definition = plan(request(root, List.of())).tables().get(0).table().map(TableDefinition.class::cast).orElseThrow();
        assertThat(definition.columns()).containsExactlyInAnyOrder(new Column("id", "bigint"), new Column("label", "string"), new Column("score", "double"));
        assertThat(definition.partitionKeys()).containsExactly("part");
        assertThat(definition.classification()).isEqualTo(Classification.PARQUET);
    }

    @Test
    void mixedFormatsFailNamingBoth() throws IOException {
        Path root = directory.resolve("mixed");
        write(root.resolve("a.json"), "{\"a\": 1}\n");
        write(root.resolve("b.csv"), "x,y\n1,2\n");
        assertThatThrownBy(() -> plan(request(root, List.of())))
                .isInstanceOf(CrawlException.class)
                .hasMessageContaining("Mixed formats under " + root.toUri())
                .hasMessageContaining("json (")
                .hasMessageContaining("csv (");
    }

    @Test
    void unreadableFilesFailNamingThem() throws IOException {
        Path root = directory.resolve("blobs");
        Files.createDirectories(root);
        Files.write(root.resolve("blob.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff});
        assertThatThrownBy(() -> plan(request(root, List.of())))
                .isInstanceOf(CrawlException.class)
                .hasMessageContaining("Unreadable files")
                .hasMessageContaining("blob.bin");
    }

    @Test
    void seenFoldersAreNotListed() throws IOException {
        Path root = directory.resolve("seen_test");
        write(root.resolve("day=1/a.json"), "{\"a\": 1}\n");
        write(root.resolve("day=2/a.json"), "{\"a\": 2}\n");
        // Folders are spelled as the include path plus folder names.
        CrawlPlanner.Plan plan = planner().plan(request(root, List.of()), Set.of(root.toUri() + "day=1/"), Map.of());
        assertThat(plan.tables().get(0).partitions()).containsOnlyKeys(List.of("2"));
        assertThat(plan.leafFolders()).containsExactly(root.toUri() + "day=2/");
    }

    @Test
    void missingIncludePathPlansNoTable() throws IOException {
        CrawlPlanner.Plan plan = plan(request(directory.resolve("gone"), List.of()));
        assertThat(plan.tables()).isEmpty();
    }

    @Test
    void incompatibleFoldersBecomeSeparateTablesWithTheirOwnColumnsAndPartitions() throws IOException {
        Path root = directory.resolve("shop");
        write(root.resolve("orders/year=2026/month=01/a.json"), "{\"order_id\": 1, \"amount\": 2.5}\n");
        write(root.resolve("orders/year=2026/month=02/b.json"), "{\"order_id\": 2, \"amount\": 3.5}\n");
        write(root.resolve("customers/all.csv"), "customer_id,name\n1,ada\n2,alan\n");

        CrawlPlanner.Plan plan = plan(request(root, List.of()));

        assertThat(plan.tables()).extracting(TablePlan::tableName).containsExactlyInAnyOrder("p_orders", "p_customers");
        TablePlan orders = table(plan, "p_orders");
        TableDefinition ordersTable = orders.table().map(TableDefinition.class::cast).orElseThrow();
        assertThat(orders.location()).isEqualTo(root.toUri() + "orders/");
        assertThat(ordersTable.location()).isEqualTo(root.toUri() + "orders/");
        assertThat(ordersTable.columns()).containsExactly(new Column("order_id", "bigint"), new Column("amount", "double"));
        assertThat(ordersTable.partitionKeys()).containsExactly("year", "month");
        assertThat(orders.partitions()).containsOnlyKeys(List.of("2026", "01"), List.of("2026", "02"));
        assertThat(orders.partitions().get(List.of("2026", "01"))).isEqualTo(root.toUri() + "orders/year=2026/month=01/");

        TableDefinition customers = table(plan, "p_customers").table().map(TableDefinition.class::cast).orElseThrow();
        assertThat(customers.location()).isEqualTo(root.toUri() + "customers/");
        assertThat(customers.classification()).isEqualTo(Classification.CSV);
        assertThat(customers.columns()).containsExactly(new Column("customer_id", "int"), new Column("name", "string"));
        assertThat(customers.partitionKeys()).isEmpty();
        assertThat(table(plan, "p_customers").partitions()).isEmpty();
    }

    @Test
    void dissimilarPartitionsSplitUnlessCombineCompatibleSchemas() throws IOException {
        // Glue's documented example of "Create a single schema for each S3 path".
        Path root = directory.resolve("table1");
        write(root.resolve("year=2017/data1.json"), "{\"A\": 1, \"B\": 2}\n");
        write(root.resolve("year=2018/data2.json"), "{\"C\": 3, \"D\": 4}\n");

        CrawlPlanner.Plan split = plan(request(root, List.of()));
        assertThat(split.tables()).extracting(TablePlan::tableName).containsExactly("p_year_2017", "p_year_2018");
        assertThat(table(split, "p_year_2017").table().map(TableDefinition.class::cast).orElseThrow().columns()).containsExactly(new Column("a", "bigint"), new Column("b", "bigint"));
        assertThat(table(split, "p_year_2018").table().map(TableDefinition.class::cast).orElseThrow().partitionKeys()).isEmpty();

        CrawlPlanner.Plan combined = plan(request(root, List.of(), "{\"Version\":1.0,\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\"}}"));
        assertThat(combined.tables()).extracting(TablePlan::tableName).containsExactly("p_table1");
        TableDefinition table = combined.tables().get(0).table().map(TableDefinition.class::cast).orElseThrow();
        assertThat(table.columns()).containsExactlyInAnyOrder(
                new Column("a", "bigint"), new Column("b", "bigint"), new Column("c", "bigint"), new Column("d", "bigint"));
        assertThat(table.partitionKeys()).containsExactly("year");
    }

    @Test
    void tableLevelConfigurationPutsTablesAtThatLevel() throws IOException {
        Path root = directory.resolve("levels");
        write(root.resolve("x/k=1/a.json"), "{\"id\": 1}\n");
        write(root.resolve("y/k=1/a.json"), "{\"id\": 2}\n");
        assertThat(plan(request(root, List.of())).tables()).extracting(TablePlan::tableName).containsExactly("p_levels");

        // A file: URI has no bucket: its levels are its path's folders, so x/ and y/ are one level below root.
        int belowRoot = root.getNameCount() + 1;
        CrawlPlanner.Plan plan = plan(request(root, List.of(), "{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":" + belowRoot + "}}"));
        assertThat(plan.tables()).extracting(TablePlan::tableName).containsExactly("p_x", "p_y");
        assertThat(table(plan, "p_x").table().map(TableDefinition.class::cast).orElseThrow().partitionKeys()).containsExactly("k");
        assertThat(table(plan, "p_x").partitions()).containsOnlyKeys(List.of("1"));
    }

    @Test
    void aFileNextToFoldersIsATableOfItsOwn() throws IOException {
        Path root = directory.resolve("export");
        write(root.resolve("Summary.csv"), "region,total\neu,10\nus,12\n");
        write(root.resolve("events/day=1/a.json"), "{\"id\": 1}\n");
        CrawlPlanner.Plan plan = plan(request(root, List.of()));
        assertThat(plan.tables()).extracting(TablePlan::tableName).containsExactly("p_summary_csv", "p_events");
        TableDefinition summary = table(plan, "p_summary_csv").table().map(TableDefinition.class::cast).orElseThrow();
        assertThat(summary.location()).isEqualTo(root.toUri() + "Summary.csv");
        assertThat(summary.columns()).containsExactly(new Column("region", "string"), new Column("total", "int"));
    }

    @Test
    void tablesTheCrawlerMadeKeepTheirNamesAndMissingOnesAreGone() throws IOException {
        Path root = directory.resolve("kept");
        write(root.resolve("orders/a.json"), "{\"id\": 1}\n");
        write(root.resolve("customers/a.csv"), "id,name\n1,ada\n");
        Map<String, String> earlier = Map.of(
                root.toUri() + "orders/", "p_orders_renamed",
                root.toUri() + "returns/", "p_returns",
                directory.resolve("elsewhere").toUri() + "/x/", "p_elsewhere");
        CrawlPlanner.Plan plan = planner().plan(request(root, List.of()), Set.of(), earlier);
        assertThat(plan.tables()).extracting(TablePlan::tableName).containsExactly("p_customers", "p_orders_renamed", "p_returns");
        assertThat(table(plan, "p_orders_renamed").table()).isPresent();
        // Under the include path and not found: gone (the writer applies DeleteBehavior). Elsewhere: not this target's.
        assertThat(table(plan, "p_returns").table()).isEmpty();
        assertThat(table(plan, "p_returns").location()).isEqualTo(root.toUri() + "returns/");
    }

    @Test
    void crawlingNewFoldersOnlyKeepsNewFilesInTheTablesMadeBefore() throws IOException {
        Path root = directory.resolve("incremental");
        write(root.resolve("orders/year=2026/month=01/a.json"), "{\"id\": 1}\n");
        write(root.resolve("orders/year=2026/month=02/a.json"), "{\"id\": 2}\n");
        write(root.resolve("customers/a.csv"), "id,name\n1,ada\n");
        Set<String> seen = Set.of(root.toUri() + "orders/year=2026/month=01/", root.toUri() + "customers/");
        Map<String, String> earlier = Map.of(root.toUri() + "orders/", "p_orders", root.toUri() + "customers/", "p_customers");

        CrawlPlanner.Plan plan = planner().plan(request(root, List.of()), seen, earlier);

        TablePlan orders = table(plan, "p_orders");
        assertThat(orders.location()).isEqualTo(root.toUri() + "orders/");
        assertThat(orders.table().map(TableDefinition.class::cast).orElseThrow().partitionKeys()).containsExactly("year", "month");
        assertThat(orders.partitions()).containsOnlyKeys(List.of("2026", "02"));
        // Nothing new for customers: planned without a table, which the writer leaves alone when crawling new folders only.
        assertThat(table(plan, "p_customers").table()).isEmpty();
        assertThat(plan.tables()).hasSize(2);
    }
}
