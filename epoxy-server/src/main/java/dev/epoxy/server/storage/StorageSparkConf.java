package dev.epoxy.server.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@link StorageConfig} into the Spark settings a session driver must be launched with, so that
 * {@code s3://} paths resolve as configured. Pure: no I/O, no Hadoop classes.
 */
public final class StorageSparkConf {
    /** Hadoop's setting selecting the {@code FileSystem} class for {@code s3://}. */
    public static final String S3_IMPL = "spark.hadoop.fs.s3.impl";
    public static final String LOCAL_S3_FILE_SYSTEM = "dev.epoxy.storage.LocalS3FileSystem";
    /** {@code LocalS3FileSystem.ROOT_KEY} as a Spark setting. */
    public static final String LOCAL_S3_ROOT = "spark.hadoop.fs.epoxy.s3.root";
    public static final String S3A_FILE_SYSTEM = "org.apache.hadoop.fs.s3a.S3AFileSystem";

    static final String S3A_ENDPOINT = "spark.hadoop.fs.s3a.endpoint";
    static final String S3A_REGION = "spark.hadoop.fs.s3a.endpoint.region";
    static final String S3A_PATH_STYLE = "spark.hadoop.fs.s3a.path.style.access";
    static final String S3A_SSL = "spark.hadoop.fs.s3a.connection.ssl.enabled";
    static final String S3A_CHANGE_DETECTION_REQUIRED = "spark.hadoop.fs.s3a.change.detection.version.required";
    static final String S3A_ACCESS_KEY = "spark.hadoop.fs.s3a.access.key";
    static final String S3A_SECRET_KEY = "spark.hadoop.fs.s3a.secret.key";
    static final String S3A_CREDENTIALS_PROVIDER = "spark.hadoop.fs.s3a.aws.credentials.provider";
    static final String S3A_SIMPLE_CREDENTIALS = "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider";

    /** Read by botocore (1.31+) and the AWS SDKs as the endpoint of the S3 service. */
    public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";

    /** Settings whose values are credentials: pass them out of sight (a properties file, not argv) and never log them. */
    public static final Set<String> SECRET_KEYS = Set.of(S3A_ACCESS_KEY, S3A_SECRET_KEY);

    private StorageSparkConf() {}

    /**
     * The directory holding one sub-directory per bucket, {@code <home>/s3}: the root of both {@code
     * LocalS3FileSystem} in the drivers and the server's S3 endpoint.
     */
    public static Path localS3Root(Path home) {
        return home.toAbsolutePath().normalize().resolve("s3");
    }

    /**
     * The Spark settings for a driver, in a stable order.
     *
     * @param config the storage configuration
     * @param localS3Root the directory holding one sub-directory per bucket ({@code <home>/s3}); used in
     *     {@link S3Mode#LOCAL} only
     * @return an unmodifiable map of Spark setting to value
     */
    public static Map<String, String> sparkConf(StorageConfig config, Path localS3Root) {
        requireNonNull(config, "config is null");
        requireNonNull(localS3Root, "localS3Root is null");
        Map<String, String> conf = new LinkedHashMap<>();
        switch (config.s3Mode()) {
            case LOCAL -> {
                conf.put(S3_IMPL, LOCAL_S3_FILE_SYSTEM);
                conf.put(LOCAL_S3_ROOT, localS3Root.toAbsolutePath().normalize().toString());
            }
            case S3A -> {
                // s3a:// is S3A already; s3:// joins it. The fs.s3a.* settings apply to both schemes.
                conf.put(S3_IMPL, S3A_FILE_SYSTEM);
                Optional<URI> endpoint = config.s3aEndpoint();
                endpoint.ifPresent(uri -> {
                    conf.put(S3A_ENDPOINT, uri.toString());
                    conf.put(S3A_SSL, String.valueOf("https".equals(uri.getScheme())));
                    // S3-compatible stores may answer without an ETag (Epoxy's own endpoint does for files
                    // written straight to disk); S3A would then refuse to read. AWS always sends one.
                    conf.put(S3A_CHANGE_DETECTION_REQUIRED, "false");
                });
                config.s3aRegion().ifPresent(region -> conf.put(S3A_REGION, region));
                conf.put(S3A_PATH_STYLE, String.valueOf(config.s3aPathStyleAccess()));
                if (config.s3aAccessKey().isPresent()) {
                    conf.put(S3A_CREDENTIALS_PROVIDER, S3A_SIMPLE_CREDENTIALS);
                    conf.put(S3A_ACCESS_KEY, config.s3aAccessKey().get());
                    conf.put(S3A_SECRET_KEY, config.s3aSecretKey().orElseThrow());
                }
            }
        }
        return Collections.unmodifiableMap(conf);
    }

    /**
     * Environment variables for a driver, so that boto3 (and any AWS SDK honouring {@code
     * AWS_ENDPOINT_URL_S3}) inside user statements reaches the same objects as Spark's {@code s3://}.
     *
     * @param config the storage configuration
     * @param localS3Endpoint the embedded S3 endpoint's URL when it runs; used in {@link S3Mode#LOCAL} only
     * @return an unmodifiable map, empty when there is no endpoint to point at
     */
    public static Map<String, String> driverEnvironment(StorageConfig config, Optional<URI> localS3Endpoint) {
        requireNonNull(config, "config is null");
        requireNonNull(localS3Endpoint, "localS3Endpoint is null");
        Optional<URI> endpoint = switch (config.s3Mode()) {
            case LOCAL -> localS3Endpoint;
            case S3A -> config.s3aEndpoint();
        };
        return endpoint.map(uri -> Map.of(AWS_ENDPOINT_URL_S3, uri.toString())).orElse(Map.of());
    }

    /** The same settings with credential values replaced by {@code ***}, for logs and diagnostics. */
    public static Map<String, String> redacted(Map<String, String> sparkConf) {
        Map<String, String> redacted = new LinkedHashMap<>();
        sparkConf.forEach((key, value) -> redacted.put(key, SECRET_KEYS.contains(key) ? "***" : value));
        return Collections.unmodifiableMap(redacted);
    }
}
