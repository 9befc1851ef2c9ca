package dev.epoxy.connection.ssl;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SSL half of a Glue JDBC connection, and what it means to the JDBC drivers Epoxy ships.
 *
 * <p>Glue's properties: {@code JDBC_ENFORCE_SSL} ("SSL with hostname matching is enforced"), {@code CUSTOM_JDBC_CERT}
 * (an S3 location of the root certificate that signed the database's), {@code SKIP_CUSTOM_JDBC_CERT_VALIDATION} and
 * {@code CUSTOM_JDBC_CERT_STRING} (the name to match, for SQL Server and Oracle). The certificate is read only when SSL is
 * enforced, as Glue's settings nest it under the SSL switch. Enforced SSL verifies the server's certificate chain and
 * its host name: against the custom root when one is given, else against the JVM's trusted roots.
 *
 * <p>The certificate travels in the driver properties as PEM text (PgJDBC's {@code SingleCertValidatingFactory} and
 * MariaDB's {@code serverSslCert} take it verbatim), so executors on other hosts need no file.
 *
 * @param rootCertificatePem the validated {@code CUSTOM_JDBC_CERT}, re-encoded as PEM
 * @param certificateString {@code CUSTOM_JDBC_CERT_STRING}
 */
public record JdbcSsl(boolean enforced, Optional<String> rootCertificatePem, Optional<String> certificateString) {
    public static final String ENFORCE_SSL = "JDBC_ENFORCE_SSL";
    public static final String CUSTOM_CERT = "CUSTOM_JDBC_CERT";
    public static final String SKIP_CERT_VALIDATION = "SKIP_CUSTOM_JDBC_CERT_VALIDATION";
    public static final String CERT_STRING = "CUSTOM_JDBC_CERT_STRING";
    /** No SSL settings: the driver's defaults. */
    public static final JdbcSsl NONE = new JdbcSsl(false, Optional.empty(), Optional.empty());

    /** Reads the object a {@code CUSTOM_JDBC_CERT} names ({@code s3://bucket/key} in Epoxy's storage, or a local path). */
    @FunctionalInterface
    public interface CertificateSource {
        byte[] read(String location) throws IOException;
    }

    public JdbcSsl {
        requireNonNull(rootCertificatePem, "rootCertificatePem is null");
        requireNonNull(certificateString, "certificateString is null");
    }

    /**
     * The SSL settings of a connection's properties; reads and checks {@code CUSTOM_JDBC_CERT} when SSL is enforced.
     *
     * @throws JdbcSslException naming the connection and the property when a value is not a boolean, or the certificate
     *     cannot be read or is refused
     */
    public static JdbcSsl fromConnectionProperties(String connectionName, Map<String, String> properties, CertificateSource certificates) {
        requireNonNull(connectionName, "connectionName is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(certificates, "certificates is null");
        boolean enforced = flag(connectionName, properties, ENFORCE_SSL);
        if (!enforced) {
            return NONE;
        }
        Optional<String> certificateString = nonBlank(properties.get(CERT_STRING));
        Optional<String> location = nonBlank(properties.get(CUSTOM_CERT));
        if (location.isEmpty()) {
            return new JdbcSsl(true, Optional.empty(), certificateString);
        }
        byte[] content;
        try {
            content = certificates.read(location.get());
        }
        catch (IOException e) {
            throw new JdbcSslException("Cannot read CUSTOM_JDBC_CERT " + location.get() + " of connection " + connectionName + ": " + reason(e));
        }
        String pem = RootCertificate.validatedPem(connectionName, location.get(), content, flag(connectionName, properties, SKIP_CERT_VALIDATION));
        return new JdbcSsl(true, Optional.of(pem), certificateString);
    }

    /**
     * The JDBC driver properties for {@code jdbcUrl}'s driver: empty when SSL is not enforced (the driver's defaults).
     *
     * @throws JdbcSslException when the URL's driver cannot do what the settings ask (a custom root with MySQL's driver,
     *     enforced SSL with a driver Epoxy does not know)
     */
    public Map<String, String> driverProperties(String connectionName, String jdbcUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!enforced) {
            return properties;
        }
        String url = jdbcUrl.strip().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            properties.put("sslmode", "verify-full");
            if (rootCertificatePem.isPresent()) {
                properties.put("sslfactory", "org.postgresql.ssl.SingleCertValidatingFactory");
                properties.put("sslfactoryarg", rootCertificatePem.get());
            }
            else {
                // PgJDBC's default factory would look for ~/.postgresql/root.crt; the JVM's roots are what the other drivers use.
                properties.put("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
            }
        }
        else if (url.startsWith("jdbc:mariadb:")) {
            properties.put("sslMode", "verify-full");
            rootCertificatePem.ifPresent(pem -> properties.put("serverSslCert", pem));
        }
        else if (url.startsWith("jdbc:mysql:")) {
            if (rootCertificatePem.isPresent()) {
                throw new JdbcSslException("Connection " + connectionName + " has a CUSTOM_JDBC_CERT, which MySQL's driver can only take as a trust "
                        + "store file; use a jdbc:mariadb: URL (the MariaDB driver Epoxy ships talks to MySQL servers and takes the certificate)");
            }
            properties.put("sslMode", "VERIFY_IDENTITY");
        }
        else if (url.startsWith("jdbc:sqlserver:")) {
            refuseCustomRoot(connectionName, "SQL Server");
            properties.put("encrypt", "true");
            properties.put("trustServerCertificate", "false");
            certificateString.ifPresent(name -> properties.put("hostNameInCertificate", name));
        }
        else if (url.startsWith("jdbc:oracle:")) {
            refuseCustomRoot(connectionName, "Oracle");
            properties.put("oracle.net.ssl_server_dn_match", "true");
            certificateString.ifPresent(name -> properties.put("oracle.net.ssl_server_cert_dn", name));
        }
        else {
            throw new JdbcSslException("Connection " + connectionName + " enforces SSL (JDBC_ENFORCE_SSL), and Epoxy does not know how to ask "
                    + "the driver of " + jdbcUrl.split("//", 2)[0] + "// URLs for it");
        }
        return properties;
    }

    private void refuseCustomRoot(String connectionName, String database) {
        if (rootCertificatePem.isPresent()) {
            throw new JdbcSslException("Connection " + connectionName + " has a CUSTOM_JDBC_CERT, which Epoxy does not pass to the " + database
                    + " driver; add the root to the JVM's trust store instead");
        }
    }

    // Never the certificate: it is long, and says nothing a message needs.
    @Override
    public String toString() {
        return "JdbcSsl[enforced=" + enforced + ", customRoot=" + rootCertificatePem.isPresent() + "]";
    }

    private static boolean flag(String connectionName, Map<String, String> properties, String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new JdbcSslException("Connection " + connectionName + " has " + key + " " + value + "; it must be true or false");
        };
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
