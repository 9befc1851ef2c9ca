package dev.epoxy.server.storage;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * Where session drivers read and write {@code s3://} paths. The single configuration point for
 * storage: the driver's Spark settings are derived from it by {@link StorageSparkConf}.
 *
 * @param s3Mode {@code epoxy.storage.s3-mode}: {@code local} (default) or {@code s3a}
 * @param s3aEndpoint {@code epoxy.storage.s3a.endpoint}: the S3 or S3-compatible endpoint URL; empty for
 *     AWS's own endpoint of the region
 * @param s3aRegion {@code epoxy.storage.s3a.region}: the signing region; empty to let S3A decide
 * @param s3aAccessKey {@code epoxy.storage.s3a.access-key}; empty to use the AWS default credential chain
 *     (environment variables, instance profile)
 * @param s3aSecretKey {@code epoxy.storage.s3a.secret-key}; required with an access key, never printed
 * @param s3aPathStyleAccess {@code epoxy.storage.s3a.path-style-access}: address buckets as {@code
 *     endpoint/bucket/key} instead of {@code bucket.endpoint/key} (most S3-compatible stores need it)
 */
public record StorageConfig(
        S3Mode s3Mode,
        Optional<URI> s3aEndpoint,
        Optional<String> s3aRegion,
        Optional<String> s3aAccessKey,
        Optional<String> s3aSecretKey,
        boolean s3aPathStyleAccess) {
    public StorageConfig {
        requireNonNull(s3Mode, "s3Mode is null");
        requireNonNull(s3aEndpoint, "s3aEndpoint is null");
        requireNonNull(s3aRegion, "s3aRegion is null");
        requireNonNull(s3aAccessKey, "s3aAccessKey is null");
        requireNonNull(s3aSecretKey, "s3aSecretKey is null");
        s3aEndpoint.ifPresent(endpoint -> checkInput(
                ("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) && endpoint.getHost() != null,
                "Invalid epoxy.storage.s3a.endpoint: %s (expected http://host:port or https://host)", endpoint));
        checkInput(s3aAccessKey.isPresent() == s3aSecretKey.isPresent(),
                "epoxy.storage.s3a.access-key and epoxy.storage.s3a.secret-key must be set together");
    }

    public static StorageConfig defaults() {
        return new StorageConfig(S3Mode.LOCAL, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public StorageConfig withS3Mode(S3Mode value) {
        return new StorageConfig(value, s3aEndpoint, s3aRegion, s3aAccessKey, s3aSecretKey, s3aPathStyleAccess);
    }

    public StorageConfig withS3aEndpoint(URI value) {
        return new StorageConfig(s3Mode, Optional.of(value), s3aRegion, s3aAccessKey, s3aSecretKey, s3aPathStyleAccess);
    }

    public StorageConfig withS3aRegion(String value) {
        return new StorageConfig(s3Mode, s3aEndpoint, Optional.of(value), s3aAccessKey, s3aSecretKey, s3aPathStyleAccess);
    }

    public StorageConfig withS3aCredentials(String accessKey, String secretKey) {
        return new StorageConfig(s3Mode, s3aEndpoint, s3aRegion, Optional.of(accessKey), Optional.of(secretKey),
                s3aPathStyleAccess);
    }

    public StorageConfig withS3aPathStyleAccess(boolean value) {
        return new StorageConfig(s3Mode, s3aEndpoint, s3aRegion, s3aAccessKey, s3aSecretKey, value);
    }

    @Override
    public String toString() {
        // Never print the secret key.
        return "StorageConfig[s3Mode=" + s3Mode.configValue()
                + ", s3aEndpoint=" + s3aEndpoint.map(URI::toString).orElse("")
                + ", s3aRegion=" + s3aRegion.orElse("")
                + ", s3aAccessKey=" + s3aAccessKey.orElse("")
                + ", s3aSecretKey=" + s3aSecretKey.map(secret -> "***").orElse("")
                + ", s3aPathStyleAccess=" + s3aPathStyleAccess + "]";
    }
}
