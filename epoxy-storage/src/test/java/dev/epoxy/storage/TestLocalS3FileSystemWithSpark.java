package dev.epoxy.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestLocalS3FileSystemWithSpark {
    @TempDir
    static java.nio.file.Path home;

    private static java.nio.file.Path root;
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() throws IOException {
        // FileSystem instances are cached per scheme and bucket for the whole JVM; start clean so this
        // class's root is the one in use.
        FileSystem.closeAll();
        root = home.resolve("s3");
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("TestLocalS3FileSystemWithSpark")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.hadoop.fs.s3.impl", LocalS3FileSystem.class.getName())
                .config("spark.hadoop." + LocalS3FileSystem.ROOT_KEY, root.toString())
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() throws IOException {
        spark.stop();
        FileSystem.closeAll();
    }

    private static Dataset<Row> orders() {
        return spark.sql("SELECT id, CASE WHEN id % 3 = 0 THEN 'eu' WHEN id % 3 = 1 THEN 'us' ELSE 'apac' END AS region,"
                + " CAST(id * 10 AS DOUBLE) AS amount FROM range(0, 30)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "parquet", "orc"})
    void writesAndReadsEachFormat(String format) throws IOException {
        String path = "s3://formats/" + format + "/orders";
        orders().write().format(format).option("header", "true").mode("overwrite").save(path);

        Dataset<Row> back = spark.read().format(format).option("header", "true").option("inferSchema", "true").load(path);
        assertThat(back.count()).isEqualTo(30);
        assertThat(back.selectExpr("sum(amount)").first().getDouble(0)).isEqualTo(sumOfAmounts(0, 30));

        java.nio.file.Path onDisk = root.resolve("formats/" + format + "/orders");
        assertThat(onDisk.resolve("_SUCCESS")).isRegularFile();
        assertThat(filesUnder(onDisk)).anyMatch(name -> name.startsWith("part-"));
        // the committer's staging directory is gone after the job commits
        assertThat(onDisk.resolve("_temporary")).doesNotExist();
        assertThat(filesUnder(root)).noneMatch(name -> name.endsWith(".crc"));
    }

    @Test
    void partitionedWriteMakesHiveStyleDirectories() throws IOException {
        String path = "s3://lake/orders_by_region";
        orders().write().partitionBy("region").mode("overwrite").parquet(path);

        java.nio.file.Path onDisk = root.resolve("lake/orders_by_region");
        try (Stream<java.nio.file.Path> children = Files.list(onDisk)) {
            assertThat(children.filter(Files::isDirectory).map(child -> child.getFileName().toString()))
                    .containsExactlyInAnyOrder("region=eu", "region=us", "region=apac");
        }

        Dataset<Row> back = spark.read().parquet(path);
        assertThat(back.schema().fieldNames()).containsExactly("id", "amount", "region");
        assertThat(back.where("region = 'eu'").count()).isEqualTo(10);
        assertThat(back.inputFiles()).allMatch(file -> file.startsWith("s3://lake/orders_by_region/region="));

        Dataset<Row> onePartition = spark.read().parquet(path + "/region=us");
        assertThat(onePartition.count()).isEqualTo(10);
    }

    @Test
    void overwriteReplacesPreviousContents() {
        String path = "s3://lake/overwritten";
        orders().write().mode("overwrite").json(path);
        spark.range(0, 5).write().mode("overwrite").json(path);

        assertThat(spark.read().json(path).count()).isEqualTo(5);
        assertThatThrownBy(() -> spark.range(1).write().mode("errorifexists").json(path))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("s3://lake/overwritten");
    }

    @Test
    void dynamicPartitionOverwriteReplacesOnlyWrittenPartitions() throws IOException {
        String path = "s3://lake/dynamic";
        orders().write().partitionBy("region").mode("overwrite").parquet(path);

        spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        try {
            spark.sql("SELECT id, 'eu' AS region, CAST(-1 AS DOUBLE) AS amount FROM range(100, 102)")
                    .write().partitionBy("region").mode("overwrite").parquet(path);
        } finally {
            spark.conf().unset("spark.sql.sources.partitionOverwriteMode");
        }

        Dataset<Row> back = spark.read().parquet(path);
        assertThat(back.where("region = 'eu'").count()).isEqualTo(2);
        assertThat(back.where("region = 'us'").count()).isEqualTo(10);
        assertThat(back.where("region = 'apac'").count()).isEqualTo(10);
        try (Stream<java.nio.file.Path> children = Files.list(root.resolve("lake/dynamic"))) {
            assertThat(children.map(child -> child.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".spark-staging"));
        }
    }

    @Test
    void appendAddsFiles() {
        String path = "s3://lake/appended";
        spark.range(0, 5).write().mode("overwrite").parquet(path);
        spark.range(5, 8).write().mode("append").parquet(path);

        assertThat(spark.read().parquet(path).count()).isEqualTo(8);
    }

    @Test
    void readsFilesPutOnDiskThroughGlobs() throws IOException {
        java.nio.file.Path data = Files.createDirectories(root.resolve("raw/data"));
        Files.writeString(data.resolve("a.json"), "{\"n\":1}\n{\"n\":2}\n");
        Files.writeString(data.resolve("b.json"), "{\"n\":3}\n");
        Files.writeString(data.resolve("c.csv"), "n\n100\n");

        Dataset<Row> matched = spark.read().json("s3://raw/data/*.json");

        assertThat(matched.count()).isEqualTo(3);
        assertThat(matched.selectExpr("sum(n)").first().getLong(0)).isEqualTo(6);
    }

    @Test
    void recursiveFileLookupFindsNestedFiles() throws IOException {
        java.nio.file.Path nested = Files.createDirectories(root.resolve("deep/a/b/c"));
        Files.writeString(root.resolve("deep/a/top.json"), "{\"n\":1}\n");
        Files.writeString(nested.resolve("bottom.json"), "{\"n\":2}\n");

        Dataset<Row> all = spark.read().option("recursiveFileLookup", "true").json("s3://deep/a");

        assertThat(all.count()).isEqualTo(2);
    }

    @Test
    void readsFromBucketRootWithAndWithoutSlash() throws IOException {
        java.nio.file.Path bucket = Files.createDirectories(root.resolve("flat"));
        Files.writeString(bucket.resolve("one.json"), "{\"n\":1}\n");
        Files.writeString(bucket.resolve("two.json"), "{\"n\":2}\n");

        assertThat(spark.read().json("s3://flat/").count()).isEqualTo(2);
        assertThat(spark.read().json("s3://flat").count()).isEqualTo(2);
    }

    @Test
    void keysWithSpacesAndEqualsSignsRoundTrip() {
        String path = "s3://lake/with space/k=v";
        spark.range(0, 4).write().mode("overwrite").csv(path);

        assertThat(root.resolve("lake/with space/k=v/_SUCCESS")).isRegularFile();
        assertThat(spark.read().csv(path).count()).isEqualTo(4);
    }

    @Test
    void missingPathIsReportedWithTheS3Path() {
        assertThatThrownBy(() -> spark.read().json("s3://lake/does/not/exist"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("s3://lake/does/not/exist")
                .hasMessageNotContaining(root.toString());
    }

    private static double sumOfAmounts(int from, int to) {
        double sum = 0;
        for (int id = from; id < to; id++) {
            sum += id * 10.0;
        }
        return sum;
    }

    private static List<String> filesUnder(java.nio.file.Path directory) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).toList();
        }
    }
}
