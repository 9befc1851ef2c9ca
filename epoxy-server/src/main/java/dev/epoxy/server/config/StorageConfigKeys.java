package dev.epoxy.server.config;

import static dev.epoxy.core.Checks.checkInput;

import dev.epoxy.server.config.ConfigKey.ValueType;
import dev.epoxy.server.s3.S3EndpointConfig;
import dev.epoxy.server.storage.S3Mode;
import dev.epoxy.server.storage.StorageConfig;
import java.net.URI;
import java.util.List;

/** Keys of the embedded S3 endpoint and of how drivers reach {@code s3://} data. */
public final class StorageConfigKeys {
    public static final ConfigKey S3_ENABLED = ConfigKey.of("epoxy.s3.enabled", ValueType.BOOLEAN, "true",
            "Whether the server serves an S3-compatible endpoint over <home>/s3.");
    public static final ConfigKey S3_PORT = ConfigKey.of("epoxy.s3.port", ValueType.PORT, "9912",
            "Port of the S3-compatible endpoint; 0 picks a free port.");
    public static final ConfigKey S3_BIND_ADDRESS = ConfigKey.of("epoxy.s3.bind-address", ValueType.STRING, "127.0.0.1",
            "Address of the S3-compatible endpoint.");
    public static final ConfigKey S3_MODE = ConfigKey.of("epoxy.storage.s3-mode", ValueType.STRING, "local",
            "How drivers resolve s3:// paths: local (<home>/s3/<bucket>/<key>) or s3a (Hadoop's S3A connector).");
    public static final ConfigKey S3A_ENDPOINT = ConfigKey.optional("epoxy.storage.s3a.endpoint", ValueType.STRING,
            "In s3a mode: the S3 or S3-compatible endpoint URL; absent for AWS's endpoint of the region.");
    public static final ConfigKey S3A_REGION = ConfigKey.optional("epoxy.storage.s3a.region", ValueType.STRING,
            "In s3a mode: the signing region.");
    public static final ConfigKey S3A_ACCESS_KEY = ConfigKey.secret("epoxy.storage.s3a.access-key",
            "In s3a mode: the access key; absent to use the AWS default credential chain.");
    public static final ConfigKey S3A_SECRET_KEY = ConfigKey.secret("epoxy.storage.s3a.secret-key",
            "In s3a mode: the secret key, required with an access key.");
    public static final ConfigKey S3A_PATH_STYLE_ACCESS = ConfigKey.of("epoxy.storage.s3a.path-style-access", ValueType.BOOLEAN, "false",
            "In s3a mode: address buckets as endpoint/bucket/key (most S3-compatible stores need it).");

    public static final List<ConfigKey> KEYS = List.of(S3_ENABLED, S3_PORT, S3_BIND_ADDRESS, S3_MODE, S3A_ENDPOINT, S3A_REGION,
            S3A_ACCESS_KEY, S3A_SECRET_KEY, S3A_PATH_STYLE_ACCESS);

    private StorageConfigKeys() {}

    public static S3EndpointConfig s3EndpointConfig(EpoxyConfig config) {
        return new S3EndpointConfig(config.getBoolean(S3_ENABLED), config.getInt(S3_PORT), config.get(S3_BIND_ADDRESS));
    }

    public static StorageConfig storageConfig(EpoxyConfig config) {
        StorageConfig storage = StorageConfig.defaults()
                .withS3Mode(S3Mode.fromConfigValue(config.get(S3_MODE)))
                .withS3aPathStyleAccess(config.getBoolean(S3A_PATH_STYLE_ACCESS));
        if (config.find(S3A_ENDPOINT).isPresent()) {
            storage = storage.withS3aEndpoint(URI.create(config.get(S3A_ENDPOINT)));
        }
        if (config.find(S3A_REGION).isPresent()) {
            storage = storage.withS3aRegion(config.get(S3A_REGION));
        }
        boolean hasAccessKey = config.find(S3A_ACCESS_KEY).isPresent();
        checkInput(hasAccessKey == config.find(S3A_SECRET_KEY).isPresent(),
                "epoxy.storage.s3a.access-key and epoxy.storage.s3a.secret-key must be set together");
        if (hasAccessKey) {
            storage = storage.withS3aCredentials(config.get(S3A_ACCESS_KEY), config.get(S3A_SECRET_KEY));
        }
        return storage;
    }
}
