package dev.epoxy.server.driver;

import dev.epoxy.server.storage.StorageSparkConf;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps credentials among Spark confs off the command line (where {@code ps} shows them): they go to a
 * properties file only its owner can read, which spark-submit reads with {@code --properties-file}.
 * Shared by the session and the crawl launchers; extracted from {@link SparkDriverLauncher}.
 *
 * @param publicConf the confs for the command line
 * @param propertiesFile the file holding the secret ones, if there are any
 */
record SecretSparkConf(Map<String, String> publicConf, Optional<Path> propertiesFile) {
    static SecretSparkConf split(Map<String, String> conf, Path directory) throws IOException {
        Map<String, String> publicConf = new LinkedHashMap<>();
        Map<String, String> secretConf = new LinkedHashMap<>();
        conf.forEach((key, value) -> (StorageSparkConf.SECRET_KEYS.contains(key) ? secretConf : publicConf).put(key, value));
        if (secretConf.isEmpty()) {
            return new SecretSparkConf(publicConf, Optional.empty());
        }
        Path file = directory.resolve("secret.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(secretConf);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Epoxy driver credentials");
        }
        return new SecretSparkConf(publicConf, Optional.of(file));
    }
}
