package dev.epoxy.connection.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestJdbcSsl {
    private static final String ROOT = "s3://certs/root.pem";

    @Test
    void withoutEnforcedSslTheDriversKeepTheirDefaultsAndTheCertificateIsNotRead() {
        JdbcSsl ssl = JdbcSsl.fromConnectionProperties("pg", Map.of("CUSTOM_JDBC_CERT", ROOT), location -> {
            throw new AssertionError("read " + location);
        });

        assertThat(ssl).isEqualTo(JdbcSsl.NONE);
        assertThat(ssl.driverProperties("pg", "jdbc:postgresql://db/sales")).isEmpty();
        assertThat(JdbcSsl.fromConnectionProperties("pg", Map.of("JDBC_ENFORCE_SSL", "FALSE"), location -> new byte[0])).isEqualTo(JdbcSsl.NONE);
    }

    @Test
    void enforcedSslVerifiesChainAndHostAgainstTheJvmRootsWithoutACustomCertificate() {
        JdbcSsl ssl = JdbcSsl.fromConnectionProperties("pg", Map.of("JDBC_ENFORCE_SSL", "True"), location -> new byte[0]);

        assertThat(ssl.driverProperties("pg", "jdbc:postgresql://db/sales"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("sslmode", "verify-full", "sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"));
        assertThat(ssl.driverProperties("m", "jdbc:mariadb://db/sales")).containsExactlyInAnyOrderEntriesOf(Map.of("sslMode", "verify-full"));
        assertThat(ssl.driverProperties("m", "jdbc:mysql://db/sales")).containsExactlyInAnyOrderEntriesOf(Map.of("sslMode", "VERIFY_IDENTITY"));
        assertThat(ssl.driverProperties("s", "jdbc:sqlserver://db:1433;databaseName=sales"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("encrypt", "true", "trustServerCertificate", "false"));
    }

    @Test
    void aCustomRootTravelsAsPemTextToPostgreSqlAndMariaDb() throws Exception {
        byte[] file = resource("rsa2048-sha256.pem");
        JdbcSsl ssl = JdbcSsl.fromConnectionProperties("pg", Map.of("JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", ROOT),
                location -> {
                    assertThat(location).isEqualTo(ROOT);
                    return file;
                });

        Map<String, String> postgres = ssl.driverProperties("pg", "jdbc:postgresql://db/sales");
        assertThat(postgres).containsEntry("sslmode", "verify-full").containsEntry("sslfactory", "org.postgresql.ssl.SingleCertValidatingFactory");
        assertThat(certificate(postgres.get("sslfactoryarg").getBytes())).isEqualTo(certificate(file));
        Map<String, String> mariadb = ssl.driverProperties("m", "jdbc:mariadb://db/sales");
        assertThat(mariadb).containsEntry("sslMode", "verify-full");
        assertThat(certificate(mariadb.get("serverSslCert").getBytes())).isEqualTo(certificate(file));
        assertThat(ssl.toString()).doesNotContain("BEGIN");
    }

    @Test
    void driversThatCannotTakeTheRootAsTextAreRefusedNamingTheConnection() throws Exception {
        byte[] file = resource("rsa2048-sha256.pem");
        JdbcSsl ssl = JdbcSsl.fromConnectionProperties("my", Map.of("JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", ROOT), location -> file);

        assertThatThrownBy(() -> ssl.driverProperties("my", "jdbc:mysql://db/sales")).isInstanceOf(JdbcSslException.class)
                .hasMessageContaining("Connection my").hasMessageContaining("jdbc:mariadb:");
        assertThatThrownBy(() -> ssl.driverProperties("my", "jdbc:sqlserver://db")).hasMessageContaining("SQL Server");
        assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("x", Map.of("JDBC_ENFORCE_SSL", "true"), location -> file)
                .driverProperties("x", "jdbc:db2://db:50000/sales")).hasMessageContaining("jdbc:db2:");
    }

    @Test
    void theCertificateStringIsTheNameSqlServerAndOracleMatch() {
        JdbcSsl ssl = JdbcSsl.fromConnectionProperties("s", Map.of("JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT_STRING", "db.example.com"),
                location -> new byte[0]);

        assertThat(ssl.driverProperties("s", "jdbc:sqlserver://db")).containsEntry("hostNameInCertificate", "db.example.com");
        assertThat(ssl.driverProperties("o", "jdbc:oracle:thin:@db")).containsEntry("oracle.net.ssl_server_cert_dn", "db.example.com");
    }

    @Test
    void weakOrNonRsaRootsAreRefusedAsGlueDoesUnlessValidationIsSkipped() throws Exception {
        Map<String, String> why = Map.of(
                "rsa1024-sha256.pem", "1024-bit RSA key",
                "rsa2048-sha1.pem", "signed with SHA1withRSA",
                "ec-p256-sha256.pem", "signed with SHA256withECDSA");
        for (Map.Entry<String, String> weak : why.entrySet()) {
            byte[] file = resource(weak.getKey());
            Map<String, String> properties = new HashMap<>(Map.of("JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", ROOT));

            assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("pg", properties, location -> file))
                    .isInstanceOf(JdbcSslException.class)
                    .hasMessageContaining("CUSTOM_JDBC_CERT " + ROOT + " of connection pg")
                    .hasMessageContaining(weak.getValue())
                    .hasMessageContaining("SKIP_CUSTOM_JDBC_CERT_VALIDATION");

            properties.put("SKIP_CUSTOM_JDBC_CERT_VALIDATION", "true");
            JdbcSsl skipped = JdbcSsl.fromConnectionProperties("pg", properties, location -> file);
            assertThat(certificate(skipped.rootCertificatePem().orElseThrow().getBytes())).isEqualTo(certificate(file));
        }
    }

    @Test
    void aMissingUnreadableOrNonCertificateObjectIsAnErrorNamingIt() throws Exception {
        Map<String, String> properties = Map.of("JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", ROOT);

        assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("pg", properties, location -> {
            throw new FileNotFoundException(location + " does not exist");
        })).isInstanceOf(JdbcSslException.class).hasMessage("Cannot read CUSTOM_JDBC_CERT " + ROOT + " of connection pg: " + ROOT + " does not exist");
        assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("pg", properties, location -> "not a certificate".getBytes()))
                .hasMessageContaining("is not a PEM certificate");
        byte[] broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes();
        assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("pg", properties, location -> broken))
                .hasMessageContaining("cannot be read as an X.509 certificate");
        byte[] two = concat(resource("rsa2048-sha256.pem"), resource("rsa2048-sha1.pem"));
        assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("pg", properties, location -> two)).hasMessageContaining("holds 2 certificates");
        byte[] huge = new byte[RootCertificate.MAX_BYTES + 1];
        assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("pg", properties, location -> huge)).hasMessageContaining("more than a certificate");
    }

    @Test
    void flagsMustBeBooleans() {
        assertThatThrownBy(() -> JdbcSsl.fromConnectionProperties("pg", Map.of("JDBC_ENFORCE_SSL", "yes"), location -> new byte[0]))
                .isInstanceOf(JdbcSslException.class).hasMessage("Connection pg has JDBC_ENFORCE_SSL yes; it must be true or false");
    }

    private static X509Certificate certificate(byte[] pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private static byte[] resource(String name) {
        try (InputStream in = TestJdbcSsl.class.getResourceAsStream("/certificates/" + name)) {
            if (in == null) {
                throw new AssertionError("no test certificate " + name);
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
