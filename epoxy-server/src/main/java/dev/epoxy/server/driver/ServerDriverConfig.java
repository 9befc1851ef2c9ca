package dev.epoxy.server.driver;

import dev.epoxy.server.storage.S3Mode;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drivers' launch config as a server (or {@code epoxy run}) hands it to every launcher: the storage
 * setting first (it decides how drivers see {@code s3://}, overriding the launcher's local default), the
 * configured confs over it, the Glue endpoint last (neither {@code epoxy.session.spark-conf} nor the
 * server process's own environment may point drivers elsewhere by accident).
 */
public final class ServerDriverConfig {
    private ServerDriverConfig() {}

    /**
     * @param s3Endpoint the server's S3 endpoint, for boto3 in scripts and statements, when one runs
     */
    public static DriverLaunchConfig layered(DriverLaunchConfig base, StorageConfig storage, Path home, Optional<URI> s3Endpoint, DriverGlueEndpoint glue) {
        Map<String, String> sparkConf = new LinkedHashMap<>(StorageSparkConf.sparkConf(storage, StorageSparkConf.localS3Root(home)));
        sparkConf.putAll(base.sparkConf());
        sparkConf.putAll(glue.sparkConf());
        Map<String, String> environment = new LinkedHashMap<>(StorageSparkConf.driverEnvironment(storage, s3Endpoint));
        if (storage.s3Mode() == S3Mode.LOCAL && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            // boto3 in statements and scripts must sign its requests to the local endpoint with something.
            environment.put("AWS_ACCESS_KEY_ID", "epoxy");
            environment.put("AWS_SECRET_ACCESS_KEY", "epoxy");
        }
        environment.putAll(base.driverEnvironment());
        environment.putAll(glue.driverEnvironment());
        List<String> extraJarDirectories = switch (storage.s3Mode()) {
            case LOCAL -> List.of();
            // Hadoop's S3A connector and the AWS SDK it needs are not part of the pyspark distribution.
            case S3A -> List.of("driver-s3a");
        };
        return base.withSparkConf(sparkConf).withExtraJarDirectories(extraJarDirectories).withDriverEnvironment(environment);
    }
}
