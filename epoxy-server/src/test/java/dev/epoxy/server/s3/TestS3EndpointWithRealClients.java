package dev.epoxy.server.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import dev.epoxy.testing.TestingTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI v2 (Debian's awscli) and boto3 (from the project's virtualenv, see {@link TestingTools}) against
 * the endpoint, with dummy credentials and no AWS configuration beyond the endpoint URL.
 */
class TestS3EndpointWithRealClients {

    @TempDir
    static Path home;

    private static Path root;
    private static S3Endpoint endpoint;

    @BeforeAll
    static void start() {
        root = home.resolve("s3");
        endpoint = S3Endpoint.start(S3EndpointConfig.defaults().withPort(0), root);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void awsCliMakesBucketCopiesInAndOutAndLists() throws Exception {
        Path upload = home.resolve("orders.json");
        Files.writeString(upload, "{\"id\":1}\n{\"id\":2}\n");

        ProcessResult mb = run(aws("s3", "mb", "s3://cli-bucket"));
        assertThat(mb.output()).contains("make_bucket: cli-bucket");
        assertThat(root.resolve("cli-bucket")).isDirectory();

        run(aws("s3", "cp", upload.toString(), "s3://cli-bucket/in/orders.json"));
        assertThat(root.resolve("cli-bucket/in/orders.json")).hasSameBinaryContentAs(upload);

        Files.createDirectories(root.resolve("cli-bucket/out/region=eu"));
        Files.writeString(root.resolve("cli-bucket/out/region=eu/part-0.csv"), "a,b\n1,2\n");
        Path download = home.resolve("downloaded.csv");
        run(aws("s3", "cp", "s3://cli-bucket/out/region=eu/part-0.csv", download.toString()));
        assertThat(download).hasContent("a,b\n1,2");

        ProcessResult ls = run(aws("s3", "ls", "--recursive", "s3://cli-bucket/"));
        assertThat(ls.output()).contains("in/orders.json", "out/region=eu/part-0.csv");
        ProcessResult buckets = run(aws("s3", "ls"));
        assertThat(buckets.output()).contains("cli-bucket");
    }

    @Test
    void awsCliUploadsLargeFileInParts() throws Exception {
        Files.createDirectories(root.resolve("big-bucket"));
        byte[] content = new byte[20 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        Path upload = home.resolve("big.bin");
        Files.write(upload, content);

        // the CLI switches to multipart above its 8 MB threshold: 8 + 8 + 4 MB parts
        run(aws("s3", "cp", upload.toString(), "s3://big-bucket/blobs/big.bin"));

        assertThat(root.resolve("big-bucket/blobs/big.bin")).hasBinaryContent(content);
        ProcessResult head = run(aws("s3api", "head-object", "--bucket", "big-bucket", "--key", "blobs/big.bin"));
        assertThat(head.output()).contains("\"ContentLength\": " + content.length);
        // a multipart ETag is "<md5 of part md5s>-<parts>"
        assertThat(head.output()).containsPattern("\"ETag\": \"\\\\\"[0-9a-f]{32}-3\\\\\"\"");

        Path download = home.resolve("big-back.bin");
        run(aws("s3", "cp", "s3://big-bucket/blobs/big.bin", download.toString()));
        assertThat(download).hasBinaryContent(content);
    }

    @Test
    void boto3ClientSeesTheSameObjects() throws Exception {
        Files.createDirectories(root.resolve("py-bucket/from-disk"));
        Files.writeString(root.resolve("py-bucket/from-disk/x.txt"), "written on disk");
        String script = """
                import sys, boto3
                s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                                  aws_access_key_id="dummy", aws_secret_access_key="dummy")
                s3.put_object(Bucket="py-bucket", Key="from-boto3/y.txt", Body=b"written by boto3")
                body = s3.get_object(Bucket="py-bucket", Key="from-disk/x.txt")["Body"].read().decode()
                keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="py-bucket")["Contents"])
                print(body)
                print(",".join(keys))
                """;

        ProcessResult result = run(List.of(TestingTools.requirePython().toString(), "-c", script, endpoint.uri().toString()));

        assertThat(result.output().lines()).containsExactly("written on disk", "from-boto3/y.txt,from-disk/x.txt");
        assertThat(root.resolve("py-bucket/from-boto3/y.txt")).hasContent("written by boto3");
    }

    @Test
    void boto3FindsTheEndpointThroughTheDriverEnvironment() throws Exception {
        Files.createDirectories(root.resolve("env-bucket"));
        Files.writeString(root.resolve("env-bucket/k.txt"), "via AWS_ENDPOINT_URL_S3");
        Map<String, String> environment = StorageSparkConf.driverEnvironment(StorageConfig.defaults(), Optional.of(endpoint.uri()));
        String script = """
                import boto3
                s3 = boto3.client("s3")
                print(s3.get_object(Bucket="env-bucket", Key="k.txt")["Body"].read().decode())
                """;

        ProcessResult result = run(List.of(TestingTools.requirePython().toString(), "-c", script), environment);

        assertThat(result.output().strip()).isEqualTo("via AWS_ENDPOINT_URL_S3");
    }

    private static List<String> aws(String... arguments) {
        List<String> command = new ArrayList<>(List.of(TestingTools.requireAwsCli().toString(), "--endpoint-url", endpoint.uri().toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    private static ProcessResult run(List<String> command, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.remove("AWS_ENDPOINT_URL");
        environment.remove("AWS_ENDPOINT_URL_S3");
        environment.putAll(extraEnvironment);
        environment.put("AWS_ACCESS_KEY_ID", "dummy");
        environment.put("AWS_SECRET_ACCESS_KEY", "dummy");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        // no profile or config of the machine's user leaks in
        environment.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        environment.remove("AWS_PROFILE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(output, UTF_8);
        assertThat(process.exitValue()).as("exit code of %s, output:%n%s", command, text).isZero();
        return new ProcessResult(text);
    }

    private record ProcessResult(String output) {}
}
