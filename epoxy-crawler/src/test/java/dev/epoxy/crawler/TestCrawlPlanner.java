package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                new FileClassifier(spark.sparkContext().hadoopConfiguration()), new SchemaInference(spark));
    }

    private CrawlRequest request(Path includePath, List<String> exclusions) {
        return new CrawlRequest("c", "db", List.of(new CrawlRequest.Target(includePath.toUri().toString(), exclusions, 0)), "p_",
                CrawlRequest.UpdateBehavior.UPDATE_IN_DATABASE, CrawlRequest.DeleteBehavior.LOG, CrawlRequest.RecrawlBehavior.CRAWL_EVERYTHING,
                null, directory.resolve("seen").toString(), directory.resolve("result").toString());
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

        CrawlPlanner.Plan plan = planner().plan(request(root, List.of("**.tmp")), Set.of());

        TablePlan table = plan.tables().get(0);
        assertThat(table.tableName()).isEqualTo("p_raw_orders");
        TableDefinition definition = table.table().orElseThrow();
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
        TableDefinition definition = planner().plan(request(root, List.of()), Set.of()).tables().get(0).table().orElseThrow();
        assertThat(definition.columns()).containsExactly(new Column("name", "string"), new Column("age", "int"));
        assertThat(definition.parameters()).containsEntry("skip.header.line.count", "1").containsEntry("classification", "csv");
    }

    @Test
    void parquetSchemaIsMergedAcrossFiles() throws IOException {
        Path root = directory.resolve("scores");
        spark.sql("SELECT 1L AS id, 'one' AS label").write().parquet(root.resolve("part=1").toString());
        spark.sql("SELECT 2L AS id, 0.5D AS score").write().parquet(root.resolve("part=2").toString());
        TableDefinition definition = planner().plan(request(root, List.of()), Set.of()).tables().get(0).table().orElseThrow();
        assertThat(definition.columns()).containsExactlyInAnyOrder(new Column("id", "bigint"), new Column("label", "string"), new Column("score", "double"));
        assertThat(definition.partitionKeys()).containsExactly("part");
        assertThat(definition.classification()).isEqualTo(Classification.PARQUET);
    }

    @Test
    void mixedFormatsFailNamingBoth() throws IOException {
        Path root = directory.resolve("mixed");
        write(root.resolve("a.json"), "{\"a\": 1}\n");
        write(root.resolve("b.csv"), "x,y\n1,2\n");
        assertThatThrownBy(() -> planner().plan(request(root, List.of()), Set.of()))
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
        assertThatThrownBy(() -> planner().plan(request(root, List.of()), Set.of()))
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
        CrawlPlanner.Plan plan = planner().plan(request(root, List.of()), Set.of(root.toUri() + "day=1/"));
        assertThat(plan.tables().get(0).partitions()).containsOnlyKeys(List.of("2"));
        assertThat(plan.leafFolders()).containsExactly(root.toUri() + "day=2/");
    }

    @Test
    void missingIncludePathPlansNoTable() throws IOException {
        CrawlPlanner.Plan plan = planner().plan(request(directory.resolve("gone"), List.of()), Set.of());
        assertThat(plan.tables().get(0).table()).isEmpty();
    }
}
