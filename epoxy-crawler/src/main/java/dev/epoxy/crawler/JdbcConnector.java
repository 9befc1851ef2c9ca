package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import dev.epoxy.connection.ssl.JdbcSsl;
import dev.epoxy.connection.ssl.JdbcSslException;
import dev.epoxy.connection.ssl.RootCertificate;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/**
 * Opens the databases of JdbcTargets: fetches the Glue connection through the Glue API (GetConnection with
 * HidePassword false, as a Glue crawler reads its connection), and connects with its JDBC_CONNECTION_URL,
 * USERNAME and PASSWORD within {@link JdbcEngine#CONNECT_TIMEOUT_SECONDS}, over SSL as its SSL properties say ({@link JdbcSsl}).
 * Every failure names the connection and the driver's reason; the password never appears in a message.
 */
final class JdbcConnector {
    private final GlueClient glue;
    private final JdbcSsl.CertificateSource certificates;

    /** @param certificates reads the connections' {@code CUSTOM_JDBC_CERT} objects */
    JdbcConnector(GlueClient glue, JdbcSsl.CertificateSource certificates) {
        this.glue = requireNonNull(glue, "glue is null");
        this.certificates = requireNonNull(certificates, "certificates is null");
    }

    /** {@code CUSTOM_JDBC_CERT} objects read through Hadoop's file systems: {@code s3://} is Epoxy's storage, as for the crawl's S3 targets. */
    static JdbcSsl.CertificateSource storageCertificates(Configuration hadoopConf) {
        return location -> {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
            FileSystem fileSystem = path.getFileSystem(hadoopConf);
            if (!fileSystem.exists(path)) {
                throw new FileNotFoundException(location + " does not exist");
            }
            try (InputStream in = fileSystem.open(path)) {
                return in.readNBytes(RootCertificate.MAX_BYTES + 1);
            }
        };
    }

    /** @throws CrawlException when the connection is missing, is not JDBC, or its database cannot be reached or refuses the login */
    JdbcDatabase open(String connectionName) {
        software.amazon.awssdk.services.glue.model.Connection glueConnection;
        try {
            glueConnection = glue.getConnection(builder -> builder.name(connectionName).hidePassword(false)).connection();
        }
        catch (EntityNotFoundException e) {
            throw new CrawlException("Connection " + connectionName + " not found: a JdbcTarget names the Glue connection to crawl through; create it with CreateConnection");
        }
        if (!"JDBC".equals(glueConnection.connectionTypeAsString())) {
            throw new CrawlException("Cannot crawl through connection " + connectionName + ": it is a " + glueConnection.connectionTypeAsString()
                    + " connection, and a JdbcTarget needs a JDBC one");
        }
        Map<String, String> properties = Optional.ofNullable(glueConnection.connectionPropertiesAsStrings()).orElse(Map.of());
        String url = Optional.ofNullable(properties.get("JDBC_CONNECTION_URL")).filter(value -> !value.isBlank())
                .orElseThrow(() -> new CrawlException("Cannot crawl through connection " + connectionName + ": it has no JDBC_CONNECTION_URL"));
        JdbcEngine engine = JdbcEngine.ofUrl(connectionName, url);
        String password = properties.getOrDefault("PASSWORD", "");
        if (!properties.containsKey("USERNAME") && properties.containsKey("SECRET_ID")) {
            throw new CrawlException("Cannot crawl through connection " + connectionName + ": its credentials are in SECRET_ID, and Epoxy crawls need USERNAME and PASSWORD");
        }
        Properties login = engine.timeouts();
        try {
            login.putAll(JdbcSsl.fromConnectionProperties(connectionName, properties, certificates).driverProperties(connectionName, url));
        }
        catch (JdbcSslException e) {
            throw new CrawlException("Cannot crawl through connection " + connectionName + ": " + e.getMessage());
        }
        Optional.ofNullable(properties.get("USERNAME")).ifPresent(user -> login.setProperty("user", user));
        if (!password.isEmpty()) {
            login.setProperty("password", password);
        }
        try {
            // The drivers' own connect timeouts bound the socket; this bounds the rest of the login for drivers that honour it.
            DriverManager.setLoginTimeout(JdbcEngine.CONNECT_TIMEOUT_SECONDS);
            Connection connection = DriverManager.getConnection(url, login);
            connection.setReadOnly(true);
            return new JdbcDatabase(connectionName, engine, url, connection);
        }
        catch (SQLException e) {
            throw new CrawlException("Cannot connect to the database of connection " + connectionName + " (" + JdbcDatabase.withoutQuery(url) + "): "
                    + reason(e, password));
        }
    }

    /** The driver's message, with its cause's when that says more (an unknown host, a refused port), the password masked if a driver echoed it. */
    static String reason(SQLException e, String password) {
        String reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !reason.contains(cause.getMessage())) {
            reason = reason + " (" + cause.getMessage() + ")";
        }
        return password.isEmpty() ? reason : reason.replace(password, "****");
    }
}
