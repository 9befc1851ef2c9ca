package dev.epoxy.spark.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.http.GlueEndpoint;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.GlueApi;
import dev.epoxy.spark.catalog.GlueClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The session catalog in a local SparkSession against the server's real catalog: its Glue endpoint with the
 * catalog and partition operations over an H2 store, reached with the AWS SDK from both Spark and the test.
 */
class TestGlueSessionCatalog {
    private static Path home;
    private static Stores stores;
    private static GlueEndpoint endpoint;
    private static GlueClient glue;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("epoxy-sql-catalog-");
        stores = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow()
                .open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
        List<GlueOperation<?, ?>> operations = GlueApi.catalogOperations(ServerConfig.defaults().arns(), Clock.systemUTC(), stores);
        endpoint = GlueEndpoint.start(ServerConfig.defaults().withPort(0), operations);
        glue = GlueClients.create(endpoint.uri(), "us-east-1");
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        spark = SparkSession.builder()
                .master("local[2]")
                .appName(TestGlueSessionCatalog.class.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.catalog.spark_catalog", GlueCatalogExtensions.SESSION_CATALOG_CLASS)
                .config("spark.sql.extensions", GlueCatalogExtensions.EXTENSIONS_CLASS)
                .config(GlueClients.ENDPOINT_CONF, endpoint.uri().toString())
                .config("spark.sql.warehouse.dir", home.resolve("warehouse").toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() throws Exception {
        spark.stop();
        glue.close();
        endpoint.close();
        stores.close();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void partitionFilterSelectsPartitionsInTheCatalogAndScansOnlyTheirFiles() {
        spark.sql("CREATE DATABASE pruning_db LOCATION '" + home.resolve("pruning_db") + "'");
        spark.sql("CREATE TABLE pruning_db.events USING parquet PARTITIONED BY (day) AS "
                + "SELECT id, CAST(id % 4 AS STRING) AS day FROM range(40)");
        assertThat(partitionValues("pruning_db", "events")).containsExactly(List.of("0"), List.of("1"), List.of("2"), List.of("3"));

        Dataset<Row> rows = spark.sql("SELECT id FROM pruning_db.events WHERE day = '2'");
        List<Long> ids = rows.collectAsList().stream().map(row -> row.getLong(0)).sorted().toList();

        assertThat(ids).containsExactly(2L, 6L, 10L, 14L, 18L, 22L, 26L, 30L, 34L, 38L);
        FileSourceScanExec scan = scan(rows.queryExecution().executedPlan());
        assertThat(scan.partitionFilters().mkString(",")).contains("(day#").contains("= 2)");
        long filesOfDayTwo = listFiles(home.resolve("pruning_db/events/day=2"));
        assertThat(scan.metrics().apply("numFiles").value()).isEqualTo(filesOfDayTwo);
        assertThat(scan.metrics().apply("numPartitions").value()).isEqualTo(1);
    }

    @Test
    void tableRegisteredThroughTheApiIsQueryableAtOnceAndGoneWhenDeleted() throws Exception {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("api_db")));
        Path data = Files.createDirectories(home.resolve("api_data"));
        Files.writeString(data.resolve("part-0.json"), "{\"name\":\"a\",\"n\":1}\n{\"name\":\"b\",\"n\":2}\n");
        glue.createTable(request -> request.databaseName("api_db").tableInput(table -> table.name("people")
                .parameters(java.util.Map.of("classification", "json"))
                .storageDescriptor(StorageDescriptor.builder().location(data.toUri().toString())
                        .columns(Column.builder().name("name").type("string").build(), Column.builder().name("n").type("int").build())
                        .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe").build()).build())));

        List<Row> rows = spark.sql("SELECT name, n FROM api_db.people ORDER BY n").collectAsList();

        assertThat(rows).extracting(row -> row.getString(0) + row.getInt(1)).containsExactly("a1", "b2");
        glue.deleteTable(request -> request.databaseName("api_db").name("people"));
        assertThatThrownBy(() -> spark.sql("SELECT * FROM api_db.people"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
    }

    @Test
    void insertOverwriteOfOnePartitionReplacesOnlyIt() {
        spark.sql("CREATE DATABASE insert_db LOCATION '" + home.resolve("insert_db") + "'");
        spark.sql("CREATE TABLE insert_db.sales USING json PARTITIONED BY (region) AS "
                + "SELECT CAST(id AS INT) AS id, IF(id % 2 = 0, 'eu', 'us') AS region FROM range(6)");

        spark.sql("INSERT OVERWRITE insert_db.sales PARTITION (region = 'eu') SELECT 100");
        spark.sql("INSERT INTO insert_db.sales PARTITION (region = 'ap') SELECT 200");

        List<String> rows = spark.sql("SELECT id, region FROM insert_db.sales ORDER BY id").collectAsList().stream()
                .map(row -> row.getInt(0) + row.getString(1)).toList();
        assertThat(rows).containsExactly("1us", "3us", "5us", "100eu", "200ap");
        assertThat(partitionValues("insert_db", "sales")).containsExactly(List.of("ap"), List.of("eu"), List.of("us"));
        Table table = glue.getTable(request -> request.databaseName("insert_db").name("sales")).table();
        assertThat(table.storageDescriptor().columns()).extracting(Column::name).containsExactly("id");
        assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("region");
    }

    @Test
    void dropTableRemovesItFromTheCatalog() {
        spark.sql("CREATE DATABASE drop_db LOCATION '" + home.resolve("drop_db") + "'");
        spark.sql("CREATE TABLE drop_db.t USING parquet AS SELECT 1 AS a");
        assertThat(glue.getTable(request -> request.databaseName("drop_db").name("t")).table().tableType()).isEqualTo("MANAGED_TABLE");

        spark.sql("DROP TABLE drop_db.t");

        assertThatThrownBy(() -> glue.getTable(request -> request.databaseName("drop_db").name("t")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(home.resolve("drop_db/t")).doesNotExist();
    }

    private static List<List<String>> partitionValues(String database, String table) {
        List<List<String>> values = new ArrayList<>();
        glue.getPartitionsPaginator(request -> request.databaseName(database).tableName(table))
                .forEach(page -> page.partitions().stream().map(Partition::values).forEach(values::add));
        values.sort(Comparator.comparing(Object::toString));
        return values;
    }

    private static FileSourceScanExec scan(SparkPlan plan) {
        for (SparkPlan node : JavaConverters.seqAsJavaList(plan.collectLeaves())) {
            if (node instanceof FileSourceScanExec scan) {
                return scan;
            }
        }
        throw new AssertionError("No file scan in " + plan);
    }

    private static long listFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> !path.getFileName().toString().startsWith(".") && !path.getFileName().toString().startsWith("_")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
