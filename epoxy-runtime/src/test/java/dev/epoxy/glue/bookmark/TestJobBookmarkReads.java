package dev.epoxy.glue.bookmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.SparkTestBase;
import dev.epoxy.glue.job.Job;
import dev.epoxy.glue.job.JobRunSettings;
import dev.epoxy.spark.catalog.read.CatalogPartition;
import dev.epoxy.spark.catalog.read.CatalogRelations;
import dev.epoxy.spark.catalog.table.TableFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/** Job.init, bookmarked reads and job.commit against real files, with a file system that counts what Spark opens. */
class TestJobBookmarkReads extends SparkTestBase {
    private static final long OLD = 1_700_000_000_000L;
    private static final long NEW = 1_700_000_600_000L;
    private static final List<String> SETTINGS = List.of(JobRunSettings.BOOKMARK_OPTION, JobRunSettings.BOOKMARK_STATE_FILE,
            JobRunSettings.BOOKMARK_TO_STATE_FILE, JobRunSettings.BOOKMARK_COMMIT_FILE, JobRunSettings.RUN_ID);

    @TempDir
    Path directory;
    private Path input;

    @BeforeAll
    static void countOpenedFiles() {
        spark.sparkContext().hadoopConfiguration().set("fs.counted.impl", TestingCountingFileSystem.class.getName());
    }

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(directory.resolve("in"));
        TestingCountingFileSystem.reset();
    }

    @AfterEach
    void endJob() {
        SETTINGS.forEach(key -> spark.conf().unset(key));
        Job.init(spark, "none", null);
    }

    @Test
    void enabledRunsReadOnlyTheNewFilesAndNeverOpenTheOldOnes() throws IOException {
        Path a = json("a.json", OLD, 2);
        Path b = json("b.json", OLD, 3);
        run("job-bookmark-enable", Optional.empty(), "commit-1.json");
        assertThat(readJson("orders").count()).isEqualTo(5);
        Job.commit();
        assertThat(BookmarkFiles.read(directory.resolve("commit-1.json"), "orders").orElseThrow().source("orders"))
                .contains(new S3Bookmark(OLD, Set.of(uri(a), uri(b)), List.of(uri(input))));

        Path c = json("c.json", NEW, 4);
        Path sameMark = json("d.json", OLD, 1);
        TestingCountingFileSystem.reset();
        run("job-bookmark-enable", Optional.of("commit-1.json"), "commit-2.json");
        DynamicFrame second = readJson("orders");
        assertThat(second.count()).isEqualTo(5);
        assertThat(Set.copyOf(TestingCountingFileSystem.opened())).containsExactlyInAnyOrder(c.toString(), sameMark.toString());
        Job.commit();
        BookmarkState committed = BookmarkFiles.read(directory.resolve("commit-2.json"), "orders").orElseThrow();
        assertThat(committed.source("orders")).contains(new S3Bookmark(NEW, Set.of(uri(c)), List.of(uri(input))));
        assertThat(committed.runId()).contains("jr_test");

        TestingCountingFileSystem.reset();
        run("job-bookmark-enable", Optional.of("commit-2.json"), "commit-3.json");
        DynamicFrame third = readJson("orders");
        assertThat(third.count()).isZero();
        assertThat(third.toDF().columns()).isEmpty();
        assertThat(TestingCountingFileSystem.opened()).isEmpty();
    }

    @Test
    void runWithoutCommitWritesNothing() throws IOException {
        json("a.json", OLD, 2);
        run("job-bookmark-enable", Optional.empty(), "commit.json");
        assertThat(readJson("orders").count()).isEqualTo(2);
        assertThat(directory.resolve("commit.json")).doesNotExist();
    }

    @Test
    void disabledAndUncontextedSourcesReadEverythingAndCommitNothing() throws IOException {
        json("a.json", OLD, 2);
        json("b.json", NEW, 3);
        BookmarkFiles.write(directory.resolve("state.json"), new BookmarkState("orders", Optional.empty(),
                Map.of("orders", new S3Bookmark(NEW, Set.of(uri(input.resolve("b.json"))), List.of()))));
        run("job-bookmark-disable", Optional.of("state.json"), "commit.json");
        assertThat(readJson("orders").count()).isEqualTo(5);
        Job.commit();
        assertThat(directory.resolve("commit.json")).doesNotExist();

        run("job-bookmark-enable", Optional.of("state.json"), "commit.json");
        assertThat(readJson("").count()).isEqualTo(5);
        assertThat(readJson("orders").count()).isZero();
    }

    @Test
    void pauseReadsAfterTheFromStateUpToTheToStateAndWritesNothing() throws IOException {
        Path first = json("1.json", OLD, 1);
        Path second = json("2.json", OLD + 1000, 2);
        Path third = json("3.json", NEW, 4);
        BookmarkFiles.write(directory.resolve("from.json"), stateOf(new S3Bookmark(OLD, Set.of(uri(first)), List.of())));
        BookmarkFiles.write(directory.resolve("to.json"), stateOf(new S3Bookmark(OLD + 1000, Set.of(uri(second)), List.of())));
        spark.conf().set(JobRunSettings.BOOKMARK_TO_STATE_FILE, directory.resolve("to.json").toString());
        run("job-bookmark-pause", Optional.of("from.json"), "commit.json");
        assertThat(readJson("orders").count()).isEqualTo(2);
        Job.commit();
        assertThat(directory.resolve("commit.json")).doesNotExist();

        spark.conf().unset(JobRunSettings.BOOKMARK_TO_STATE_FILE);
        run("job-bookmark-pause", Optional.of("from.json"), "commit.json");
        assertThat(readJson("orders").count()).isEqualTo(6);
        assertThat(third).exists();
    }

    @Test
    void partitionedParquetKeepsItsPartitionColumnsAndReadsOnlyNewFiles() throws IOException {
        Path table = directory.resolve("sales");
        sales(0, 6).write().partitionBy("region").parquet(table.toString());
        setAllMtimes(table, OLD);
        run("job-bookmark-enable", Optional.empty(), "commit-1.json");
        DynamicFrame first = readParquet(table);
        assertThat(first.count()).isEqualTo(6);
        assertThat(first.toDF().columns()).contains("region");
        Job.commit();

        sales(100, 4).write().mode("append").partitionBy("region").parquet(table.toString());
        TestingCountingFileSystem.reset();
        run("job-bookmark-enable", Optional.of("commit-1.json"), "commit-2.json");
        Dataset<Row> second = readParquet(table).toDF();
        assertThat(second.select("id").as(org.apache.spark.sql.Encoders.INT()).collectAsList())
                .containsExactlyInAnyOrder(100, 101, 102, 103);
        assertThat(second.where("region = 'eu'").count()).isEqualTo(2);
        assertThat(TestingCountingFileSystem.opened()).isNotEmpty();
        for (String opened : TestingCountingFileSystem.opened()) {
            assertThat(Files.getLastModifiedTime(Path.of(opened)).toMillis()).as(opened).isGreaterThan(OLD);
        }
    }

    @Test
    void catalogTableReadsOnlyNewFilesOfTheSelectedPartitions() throws IOException {
        List<CatalogPartition> partitions = new ArrayList<>();
        for (String month : List.of("01", "02")) {
            Path partition = Files.createDirectories(directory.resolve("orders/month=" + month));
            touch(Files.writeString(partition.resolve("old.json"), "{\"order_id\":\"old-" + month + "\"}\n"), OLD);
            partitions.add(new CatalogPartition(List.of(month), TestingCountingFileSystem.uri(partition)));
        }
        run("job-bookmark-enable", Optional.empty(), "commit-1.json");
        assertThat(catalogRows("month = '02'")).containsExactly("old-02");
        Job.commit();

        for (String month : List.of("01", "02")) {
            touch(Files.writeString(directory.resolve("orders/month=" + month + "/new.json"), "{\"order_id\":\"new-" + month + "\"}\n"),
                    NEW);
        }
        TestingCountingFileSystem.reset();
        run("job-bookmark-enable", Optional.of("commit-1.json"), "commit-2.json");
        assertThat(catalogRows("month = '02'")).containsExactly("new-02");
        assertThat(Set.copyOf(TestingCountingFileSystem.opened()))
                .containsExactly(directory.resolve("orders/month=02/new.json").toString());
    }

    @Test
    void stateOfAnotherKindUnderTheSameContextIsAnError() throws IOException {
        json("a.json", OLD, 1);
        BookmarkFiles.write(directory.resolve("state.json"), new BookmarkState("orders", Optional.empty(),
                Map.of("orders", JdbcBookmark.initial(List.of("id"), JdbcBookmark.SortOrder.ASC))));
        run("job-bookmark-enable", Optional.of("state.json"), "commit.json");
        assertThatThrownBy(() -> readJson("orders"))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Cannot read transformation_ctx orders as an S3 source: the bookmark state holds a jdbc bookmark for it");
    }

    private void run(String option, Optional<String> stateFile, String commitFile) {
        spark.conf().set(JobRunSettings.BOOKMARK_OPTION, option);
        spark.conf().set(JobRunSettings.RUN_ID, "jr_test");
        stateFile.ifPresentOrElse(file -> spark.conf().set(JobRunSettings.BOOKMARK_STATE_FILE, directory.resolve(file).toString()),
                () -> spark.conf().unset(JobRunSettings.BOOKMARK_STATE_FILE));
        spark.conf().set(JobRunSettings.BOOKMARK_COMMIT_FILE, directory.resolve(commitFile).toString());
        Job.init(spark, "orders", null);
    }

    private DynamicFrame readJson(String transformationContext) {
        return glueContext.getSource("s3", "{\"paths\": [\"" + uri(input) + "\"]}", transformationContext, "")
                .setFormat("json", JsonOptions.empty())
                .getDynamicFrame();
    }

    private DynamicFrame readParquet(Path table) {
        return glueContext.getSource("s3", "{\"paths\": [\"" + uri(table) + "\"]}", "sales", "")
                .setFormat("parquet", JsonOptions.empty())
                .getDynamicFrame();
    }

    private List<String> catalogRows(String predicate) {
        Table table = Table.builder().databaseName("db").name("orders")
                .storageDescriptor(StorageDescriptor.builder()
                        .location(TestingCountingFileSystem.uri(directory.resolve("orders")))
                        .columns(Column.builder().name("order_id").type("string").build())
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(TableFormats.JSON_SERDE).build())
                        .build())
                .partitionKeys(Column.builder().name("month").type("string").build())
                .build();
        List<CatalogPartition> partitions = new ArrayList<>();
        for (String month : List.of("01", "02")) {
            partitions.add(new CatalogPartition(List.of(month), TestingCountingFileSystem.uri(directory.resolve("orders/month=" + month))));
        }
        return CatalogRelations.read(spark, table, expression -> partitions, Optional.empty(), Map.of(),
                        Job.bookmarks().s3Filter("orders_ctx", List.of("db.orders")))
                .where(predicate)
                .select("order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    private Path json(String name, long mtime, int records) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < records; i++) {
            text.append("{\"file\":\"").append(name).append("\",\"n\":").append(i).append("}\n");
        }
        return touch(Files.writeString(input.resolve(name), text), mtime);
    }

    private static Path touch(Path file, long mtime) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
        return file;
    }

    private static void setAllMtimes(Path root, long mtime) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                touch(file, mtime);
            }
        }
    }

    private static String uri(Path path) {
        return TestingCountingFileSystem.uri(path);
    }

    private static BookmarkState stateOf(S3Bookmark orders) {
        return new BookmarkState("orders", Optional.empty(), Map.of("orders", orders));
    }

    private static Dataset<Row> sales(int firstId, int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create(firstId + i, i % 2 == 0 ? "eu" : "us"));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.IntegerType, true),
                DataTypes.createStructField("region", DataTypes.StringType, true)))).coalesce(1);
    }
}
