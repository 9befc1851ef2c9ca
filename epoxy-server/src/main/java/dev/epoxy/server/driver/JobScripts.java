package dev.epoxy.server.driver;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.server.storage.StorageSparkConf;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a job's {@code Command.ScriptLocation} on this machine: {@code s3://bucket/key} (or
 * {@code s3a://}) is the file {@code <local S3 root>/bucket/key} of the storage the drivers use (the
 * server's S3 endpoint serves the same files); a {@code file:} URI or a local path is used as is.
 */
public final class JobScripts {
    private JobScripts() {}

    /** Whether the location is an object of Epoxy's storage ({@code s3://} or {@code s3a://}) rather than a local file. */
    static boolean isInStorage(String scriptLocation) {
        String lower = scriptLocation.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("s3://") || lower.startsWith("s3a://");
    }

    /**
     * @param driverSparkConf the drivers' confs (the server's storage setting among them)
     * @param home the Epoxy home, whose {@code s3/} is the local S3 root by default
     * @throws EpoxyException {@code INVALID_INPUT} naming the location when there is no such file, or
     *     when it is in S3 storage that this server does not keep on its disk ({@code epoxy.s3.mode=s3a})
     */
    static Path resolve(String scriptLocation, Map<String, String> driverSparkConf, Path home) {
        return resolve("ScriptLocation", scriptLocation, driverSparkConf, home);
    }

    /**
     * As {@link #resolve(String, Map, Path)} for any file a job names ({@code what} starts the error messages,
     * such as {@code "--extra-py-files entry"}).
     */
    public static Path resolve(String what, String fileLocation, Map<String, String> driverSparkConf, Path home) {
        String location = fileLocation.strip();
        String lower = location.toLowerCase(java.util.Locale.ROOT);
        Path file;
        if (isInStorage(location)) {
            String fileSystem = driverSparkConf.getOrDefault(StorageSparkConf.S3_IMPL, StorageSparkConf.LOCAL_S3_FILE_SYSTEM);
            if (!fileSystem.equals(StorageSparkConf.LOCAL_S3_FILE_SYSTEM)) {
                throw new EpoxyException(ErrorCode.INVALID_INPUT,
                        "%s %s cannot be read: the server's storage is remote (epoxy.storage.s3-mode=s3a); give a local path", what, location);
            }
            Path root = Path.of(Optional.ofNullable(driverSparkConf.get(StorageSparkConf.LOCAL_S3_ROOT))
                    .orElseGet(() -> StorageSparkConf.localS3Root(home).toString())).toAbsolutePath().normalize();
            String withoutScheme = location.substring(location.indexOf("://") + 3);
            int slash = withoutScheme.indexOf('/');
            if (slash <= 0 || slash == withoutScheme.length() - 1) {
                throw new EpoxyException(ErrorCode.INVALID_INPUT, "%s %s does not exist", what, location);
            }
            file = root.resolve(withoutScheme).normalize();
            if (!file.startsWith(root.resolve(withoutScheme.substring(0, slash)))) {
                throw new EpoxyException(ErrorCode.INVALID_INPUT, "%s %s does not exist", what, location);
            }
        }
        else if (lower.startsWith("file:")) {
            try {
                file = Path.of(new URI(location));
            }
            catch (URISyntaxException | IllegalArgumentException e) {
                throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid %s %s: %s", what, location, e.getMessage());
            }
        }
        else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new EpoxyException(ErrorCode.INVALID_INPUT, "%s %s is neither an s3:// path nor a local path", what, location);
        }
        else {
            file = Path.of(location).toAbsolutePath().normalize();
        }
        if (!Files.isRegularFile(file)) {
            throw new EpoxyException(ErrorCode.INVALID_INPUT, "%s %s does not exist", what, location);
        }
        return file;
    }
}
