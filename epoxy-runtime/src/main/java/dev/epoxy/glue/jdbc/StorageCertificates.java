package dev.epoxy.glue.jdbc;

import static java.util.Objects.requireNonNull;

import dev.epoxy.connection.ssl.JdbcSsl;
import dev.epoxy.connection.ssl.RootCertificate;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads {@code CUSTOM_JDBC_CERT} objects through Hadoop's file systems with the session's configuration, so
 * {@code s3://} names Epoxy's storage as every other read does (a local path works too). Read in the driver, once per
 * connection lookup; the certificate then travels to executors as text in the driver properties.
 */
public final class StorageCertificates implements JdbcSsl.CertificateSource {
    private final Configuration hadoopConf;

    public StorageCertificates(Configuration hadoopConf) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    }

    @Override
    public byte[] read(String location) throws IOException {
        Path path = new Path(location);
        FileSystem fileSystem = path.getFileSystem(hadoopConf);
        if (!fileSystem.exists(path)) {
            throw new FileNotFoundException(location + " does not exist");
        }
        try (InputStream in = fileSystem.open(path)) {
            // One byte over the bound is enough for RootCertificate to say the object is too large.
            return in.readNBytes(RootCertificate.MAX_BYTES + 1);
        }
    }
}
