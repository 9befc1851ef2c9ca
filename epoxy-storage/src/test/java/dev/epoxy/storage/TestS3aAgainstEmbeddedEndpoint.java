package dev.epoxy.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.server.s3.S3Endpoint;
import dev.epoxy.server.s3.S3EndpointConfig;
import dev.epoxy.server.storage.S3Mode;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code s3a} storage mode end to end: a SparkSession configured only by {@link StorageSparkConf}
 * writes and reads {@code s3://} through Hadoop's S3A connector, against Epoxy's own S3 endpoint, and
 * the objects land where {@link LocalS3FileSystem} would put them.
 */
class TestS3aAgainstEmbeddedEndpoint {
    @TempDir
    static Path home;

    private static Path root;
    private static S3Endpoint endpoint;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws IOException {
        FileSystem.closeAll();
        root = home.resolve("s3");
        endpoint = S3Endpoint.start(S3EndpointConfig.defaults().withPort(0), root);
        StorageConfig storage = StorageConfig.defaults()
                .withS3Mode(S3Mode.S3A)
                .withS3aEndpoint(endpoint.uri())
                .withS3aRegion("us-east-1")
                .withS3aCredentials("dummy-access-key", "dummy-secret-key")
                .withS3aPathStyleAccess(true);
        Map<String, String> conf = StorageSparkConf.sparkConf(storage, root);
        assertThat(conf).containsEntry("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");

        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("TestS3aAgainstEmbeddedEndpoint")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2");
        conf.forEach(builder::config);
        spark = builder.getOrCreate();
    }

    @AfterAll
    static void stop() throws IOException {
        if (spark != null) {
            spark.stop();
        }
        FileSystem.closeAll();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void s3PathsUseS3a() throws IOException {
        Files.createDirectories(root.resolve("probe"));
        FileSystem fs = new org.apache.hadoop.fs.Path("s3://probe/").getFileSystem(spark.sparkContext().hadoopConfiguration());
        assertThat(fs.getClass().getName()).isEqualTo("org.apache.hadoop.fs.s3a.S3AFileSystem");
    }

    @Test
    void writesAndReadsParquetThroughTheEndpoint() throws IOException {
        Files.createDirectories(root.resolve("warehouse"));
        Dataset<Row> orders = spark.sql("SELECT id, IF(id % 2 = 0, 'eu', 'us') AS region, id * 3 AS amount FROM range(0, 100)");

        orders.write().partitionBy("region").mode("overwrite").parquet("s3://warehouse/orders");
        Dataset<Row> back = spark.read().parquet("s3://warehouse/orders");

        assertThat(back.count()).isEqualTo(100);
        long expectedSum = 0;
        for (int id = 0; id < 100; id++) {
            expectedSum += id * 3L;
        }
        assertThat(back.selectExpr("sum(amount)").first().getLong(0)).isEqualTo(expectedSum);
        assertThat(back.where("region = 'eu'").count()).isEqualTo(50);
        // the same layout LocalS3FileSystem reads: <root>/<bucket>/<key>
        assertThat(root.resolve("warehouse/orders/_SUCCESS")).isRegularFile();
        assertThat(parquetFilesUnder(root.resolve("warehouse/orders/region=eu"))).isNotEmpty();
        assertThat(parquetFilesUnder(root.resolve("warehouse/orders/region=us"))).isNotEmpty();
    }

    @Test
    void readsObjectsPutOnDisk() throws IOException {
        Path data = Files.createDirectories(root.resolve("landing/events"));
        Files.writeString(data.resolve("a.json"), "{\"n\":1}\n{\"n\":2}\n");
        Files.writeString(data.resolve("b.json"), "{\"n\":40}\n");

        Dataset<Row> events = spark.read().json("s3://landing/events/*.json");

        assertThat(events.selectExpr("sum(n)").first().getLong(0)).isEqualTo(43);
    }

    private static List<Path> parquetFilesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).toList();
        }
    }
}
