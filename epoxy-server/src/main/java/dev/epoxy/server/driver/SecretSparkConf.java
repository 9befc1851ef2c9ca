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
    static final String FILE_NAME = "secret.properties";

    /** The confs that are credentials ({@link StorageSparkConf#SECRET_KEYS}), in order. Pure. */
    static Map<String, String> secretsOf(Map<String, String> conf) {
        Map<String, String> secretConf = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            if (StorageSparkConf.SECRET_KEYS.contains(key)) {
                secretConf.put(key, value);
            }
        });
        return secretConf;
    }

    /** The confs that are not credentials, in order. Pure. */
    static Map<String, String> publicOf(Map<String, String> conf) {
        Map<String, String> publicConf = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            if (!StorageSparkConf.SECRET_KEYS.contains(key)) {
                publicConf.put(key, value);
            }
        });
        return publicConf;
    }

    static SecretSparkConf split(Map<String, String> conf, Path directory) throws IOException {
        Map<String, String> publicConf = publicOf(conf);
        Map<String, String> secretConf = secretsOf(conf);
        if (secretConf.isEmpty()) {
            return new SecretSparkConf(publicConf, Optional.empty());
        }
        Path file = directory.resolve(FILE_NAME);
        write(file, secretConf);
        return new SecretSparkConf(publicConf, Optional.of(file));
    }

    /** Writes {@code secretConf} to {@code file} (replaced), readable by its owner only. */
    static void write(Path file, Map<String, String> secretConf) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(secretConf);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Epoxy driver credentials");
        }
    }
}
