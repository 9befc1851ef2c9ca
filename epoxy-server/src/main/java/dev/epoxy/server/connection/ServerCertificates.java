package dev.epoxy.server.connection;

import static java.util.Objects.requireNonNull;

import dev.epoxy.connection.ssl.JdbcSsl;
import dev.epoxy.connection.ssl.RootCertificate;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.server.driver.JobScripts;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code CUSTOM_JDBC_CERT} objects as the server reads them for TestConnection: {@code s3://bucket/key} is the file of
 * the local storage the drivers use (as job scripts are found), a local path is used as is.
 */
public final class ServerCertificates implements JdbcSsl.CertificateSource {
    private final Map<String, String> driverSparkConf;
    private final Path home;

    /** @param driverSparkConf the drivers' confs (the storage setting among them); @param home the Epoxy home */
    public ServerCertificates(Map<String, String> driverSparkConf, Path home) {
        this.driverSparkConf = Map.copyOf(requireNonNull(driverSparkConf, "driverSparkConf is null"));
        this.home = requireNonNull(home, "home is null");
    }

    @Override
    public byte[] read(String location) throws IOException {
        Path file;
        try {
            file = JobScripts.resolve("object", location, driverSparkConf, home);
        }
        catch (EpoxyException e) {
            // "object s3://b/k does not exist": the caller's message already says which property and connection.
            throw new FileNotFoundException(e.getMessage().replaceFirst("^object ", ""));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(RootCertificate.MAX_BYTES + 1);
        }
    }
}
