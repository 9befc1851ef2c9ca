package dev.epoxy.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.epoxy.core.EpoxyException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestStorageSparkConf {
    private static final Path ROOT = Path.of("/var/lib/epoxy/s3");

    @Test
    void defaultsAreLocalMode() {
        assertThat(StorageConfig.defaults())
                .isEqualTo(new StorageConfig(S3Mode.LOCAL, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false));
    }

    @Test
    void localModeMapsS3ToLocalFileSystemUnderTheRoot() {
        Map<String, String> conf = StorageSparkConf.sparkConf(StorageConfig.defaults(), ROOT);

        assertThat(conf).containsExactly(
                entry("spark.hadoop.fs.s3.impl", "dev.epoxy.storage.LocalS3FileSystem"),
                entry("spark.hadoop.fs.epoxy.s3.root", "/var/lib/epoxy/s3"));
    }

    @Test
    void localS3RootIsS3UnderHome() {
        assertThat(StorageSparkConf.localS3Root(Path.of("/srv/epoxy"))).isEqualTo(Path.of("/srv/epoxy/s3"));
    }

    @Test
    void localModeRootIsAbsoluteAndNormalized() {
        Map<String, String> conf = StorageSparkConf.sparkConf(StorageConfig.defaults(), Path.of("relative/../home/s3"));

        assertThat(conf.get("spark.hadoop.fs.epoxy.s3.root"))
                .isEqualTo(Path.of("").toAbsolutePath().resolve("home/s3").toString());
    }

    @Test
    void localModeIgnoresS3aSettings() {
        StorageConfig config = StorageConfig.defaults()
                .withS3aEndpoint(URI.create("http://minio:9000"))
                .withS3aCredentials("key", "secret");

        assertThat(StorageSparkConf.sparkConf(config, ROOT)).doesNotContainKey("spark.hadoop.fs.s3a.endpoint")
                .doesNotContainKey("spark.hadoop.fs.s3a.secret.key");
    }

    @Test
    void s3aModeAgainstCompatibleStore() {
        StorageConfig config = StorageConfig.defaults()
                .withS3Mode(S3Mode.S3A)
                .withS3aEndpoint(URI.create("http://127.0.0.1:9912"))
                .withS3aRegion("us-east-1")
                .withS3aCredentials("AKIAEXAMPLE", "s3cr3t")
                .withS3aPathStyleAccess(true);

        assertThat(StorageSparkConf.sparkConf(config, ROOT)).containsExactly(
                entry("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem"),
                entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9912"),
                entry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false"),
                entry("spark.hadoop.fs.s3a.change.detection.version.required", "false"),
                entry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1"),
                entry("spark.hadoop.fs.s3a.path.style.access", "true"),
                entry("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"),
                entry("spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLE"),
                entry("spark.hadoop.fs.s3a.secret.key", "s3cr3t"));
    }

    @Test
    void s3aModeAgainstAwsUsesDefaultCredentialChain() {
        StorageConfig config = StorageConfig.defaults().withS3Mode(S3Mode.S3A).withS3aRegion("eu-west-1");

        assertThat(StorageSparkConf.sparkConf(config, ROOT)).containsExactly(
                entry("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem"),
                entry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1"),
                entry("spark.hadoop.fs.s3a.path.style.access", "false"));
    }

    @Test
    void httpsEndpointKeepsTls() {
        StorageConfig config = StorageConfig.defaults().withS3Mode(S3Mode.S3A).withS3aEndpoint(URI.create("https://s3.example.com"));

        assertThat(StorageSparkConf.sparkConf(config, ROOT))
                .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "true");
    }

    @Test
    void redactedHidesCredentialsOnly() {
        StorageConfig config = StorageConfig.defaults().withS3Mode(S3Mode.S3A).withS3aCredentials("AKIAEXAMPLE", "s3cr3t");

        Map<String, String> redacted = StorageSparkConf.redacted(StorageSparkConf.sparkConf(config, ROOT));

        assertThat(redacted).containsEntry("spark.hadoop.fs.s3a.access.key", "***")
                .containsEntry("spark.hadoop.fs.s3a.secret.key", "***")
                .containsEntry("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        assertThat(config.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void driverEnvironmentPointsBoto3AtTheStoreSparkUses() {
        URI local = URI.create("http://127.0.0.1:9912");
        StorageConfig s3a = StorageConfig.defaults().withS3Mode(S3Mode.S3A).withS3aEndpoint(URI.create("http://minio:9000"));

        assertThat(StorageSparkConf.driverEnvironment(StorageConfig.defaults(), Optional.of(local)))
                .containsExactly(entry("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9912"));
        assertThat(StorageSparkConf.driverEnvironment(StorageConfig.defaults(), Optional.empty())).isEmpty();
        assertThat(StorageSparkConf.driverEnvironment(s3a, Optional.of(local)))
                .containsExactly(entry("AWS_ENDPOINT_URL_S3", "http://minio:9000"));
        assertThat(StorageSparkConf.driverEnvironment(s3a.withS3aEndpoint(URI.create("https://s3.amazonaws.com")).withS3Mode(S3Mode.S3A), Optional.empty()))
                .containsExactly(entry("AWS_ENDPOINT_URL_S3", "https://s3.amazonaws.com"));
    }

    @Test
    void modeIsParsedIgnoringCase() {
        assertThat(S3Mode.fromConfigValue("S3A")).isEqualTo(S3Mode.S3A);
        assertThat(S3Mode.fromConfigValue(" local ")).isEqualTo(S3Mode.LOCAL);
        assertThatThrownBy(() -> S3Mode.fromConfigValue("emrfs"))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid epoxy.storage.s3-mode: emrfs (expected one of local, s3a)");
    }

    @Test
    void accessKeyWithoutSecretIsRejected() {
        assertThatThrownBy(() -> new StorageConfig(S3Mode.S3A, Optional.empty(), Optional.empty(), Optional.of("key"), Optional.empty(), false))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("epoxy.storage.s3a.access-key and epoxy.storage.s3a.secret-key must be set together");
    }

    @Test
    void endpointWithoutHttpSchemeIsRejected() {
        assertThatThrownBy(() -> StorageConfig.defaults().withS3aEndpoint(URI.create("minio:9000")))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid epoxy.storage.s3a.endpoint: minio:9000 (expected http://host:port or https://host)");
    }
}
