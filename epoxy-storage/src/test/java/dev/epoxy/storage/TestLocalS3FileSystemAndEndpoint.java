package dev.epoxy.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.server.s3.S3Endpoint;
import dev.epoxy.server.s3.S3EndpointConfig;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import dev.epoxy.testing.TestingTools;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The two views of {@code <home>/s3} agree: what Spark writes through {@link LocalS3FileSystem} the S3
 * endpoint serves under the same bucket and key, and the other way round, files made on disk included.
 */
class TestLocalS3FileSystemAndEndpoint {

    @TempDir
    static Path home;

    private static Path root;
    private static S3Endpoint endpoint;
    private static S3Client s3;
    private static SparkSession spark;
    private static FileSystem hadoop;

    @BeforeAll
    static void start() throws IOException {
        FileSystem.closeAll();
        root = home.resolve("s3");
        endpoint = S3Endpoint.start(S3EndpointConfig.defaults().withPort(0), root);
        s3 = S3Client.builder()
                .endpointOverride(endpoint.uri())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .build();
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("TestLocalS3FileSystemAndEndpoint")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2");
        // configured exactly as a session driver in the default (local) mode
        StorageSparkConf.sparkConf(StorageConfig.defaults(), root).forEach(builder::config);
        spark = builder.getOrCreate();
        hadoop = FileSystem.get(URI.create("s3://shared/"), spark.sparkContext().hadoopConfiguration());
    }

    @AfterAll
    static void stop() throws IOException {
        if (spark != null) {
            spark.stop();
        }
        FileSystem.closeAll();
        if (s3 != null) {
            s3.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void objectWrittenThroughHadoopIsServedByTheEndpoint() throws IOException {
        try (var out = hadoop.create(new org.apache.hadoop.fs.Path("s3://shared/hadoop/nested/deep/file.txt"))) {
            out.write("from hadoop".getBytes(UTF_8));
        }

        assertThat(s3.getObjectAsBytes(request -> request.bucket("shared").key("hadoop/nested/deep/file.txt")).asUtf8String())
                .isEqualTo("from hadoop");
        assertThat(keys("shared", "hadoop/")).containsExactly("hadoop/nested/deep/file.txt");
    }

    @Test
    void objectPutThroughTheEndpointIsSeenByHadoop() throws IOException {
        s3.createBucket(request -> request.bucket("via-api"));
        s3.putObject(request -> request.bucket("via-api").key("in/k=v/with space.json"), RequestBody.fromString("{\"n\":5}\n"));

        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("s3://via-api/in/k=v/with space.json");
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        assertThat(fs.getFileStatus(path).getLen()).isEqualTo(8);
        assertThat(fs.listStatus(new org.apache.hadoop.fs.Path("s3://via-api/in/k=v"))[0].getPath()).isEqualTo(path);
        assertThat(spark.read().json("s3://via-api/in").selectExpr("sum(n)").first().getLong(0)).isEqualTo(5);
    }

    @Test
    void fileMadeOnDiskIsTheSameObjectForBoth() throws IOException {
        Files.createDirectories(root.resolve("disk/a/b"));
        Files.writeString(root.resolve("disk/a/b/c.csv"), "x\n1\n2\n");

        assertThat(s3.getObjectAsBytes(request -> request.bucket("disk").key("a/b/c.csv")).asUtf8String()).isEqualTo("x\n1\n2\n");
        assertThat(spark.read().option("header", "true").csv("s3://disk/a/b/c.csv").count()).isEqualTo(2);
    }

    @Test
    void partitionedSparkOutputListsAsKeysThroughTheEndpoint() {
        spark.sql("SELECT id, IF(id < 3, 'eu', 'us') AS region FROM range(0, 6)")
                .write().partitionBy("region").mode("overwrite").parquet("s3://shared/orders");

        List<String> keys = keys("shared", "orders/");

        assertThat(keys).contains("orders/_SUCCESS");
        assertThat(keys).anyMatch(key -> key.startsWith("orders/region=eu/part-") && key.endsWith(".parquet"));
        assertThat(keys).anyMatch(key -> key.startsWith("orders/region=us/part-") && key.endsWith(".parquet"));
        assertThat(keys).allMatch(key -> key.equals("orders/_SUCCESS") || key.matches("orders/region=(eu|us)/part-.*\\.parquet"));
    }

    @Test
    void awsCliCopyInIsReadBySparkAndSparkOutputCopiesOut() throws Exception {
        Path upload = home.resolve("upload.json");
        Files.writeString(upload, "{\"name\":\"a\",\"amount\":1.5}\n{\"name\":\"b\",\"amount\":2.5}\n");
        aws("s3", "mb", "s3://cli");
        aws("s3", "cp", upload.toString(), "s3://cli/raw/orders.json");

        Dataset<Row> read = spark.read().json("s3://cli/raw/orders.json");
        assertThat(read.selectExpr("sum(amount)").first().getDouble(0)).isEqualTo(4.0);

        read.coalesce(1).write().mode("overwrite").option("header", "true").csv("s3://cli/out");
        Path downloaded = home.resolve("downloaded");
        aws("s3", "cp", "--recursive", "s3://cli/out", downloaded.toString());
        List<Path> csvFiles;
        try (var files = Files.list(downloaded)) {
            csvFiles = files.filter(file -> file.getFileName().toString().endsWith(".csv")).toList();
        }
        assertThat(csvFiles).hasSize(1);
        assertThat(Files.readAllLines(csvFiles.get(0))).containsExactly("amount,name", "1.5,a", "2.5,b");
    }

    private static List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static void aws(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TestingTools.requireAwsCli().toString(), "--endpoint-url", endpoint.uri().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", "dummy");
        environment.put("AWS_SECRET_ACCESS_KEY", "dummy");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        environment.remove("AWS_PROFILE");
        environment.remove("AWS_ENDPOINT_URL");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("exit code of %s, output:%n%s", command, output).isZero();
    }
}
