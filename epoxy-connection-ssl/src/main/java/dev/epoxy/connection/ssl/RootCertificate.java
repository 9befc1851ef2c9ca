package dev.epoxy.connection.ssl;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The root certificate of {@code CUSTOM_JDBC_CERT}: one X.509 certificate in PEM form (Base64 DER between
 * {@code BEGIN/END CERTIFICATE} lines), checked as Glue checks it unless {@code SKIP_CUSTOM_JDBC_CERT_VALIDATION} is
 * true: signature algorithm SHA256withRSA, SHA384withRSA or SHA512withRSA, and an RSA public key of at least 2048
 * bits.
 */
public final class RootCertificate {
    static final Set<String> ALLOWED_SIGNATURE_ALGORITHMS = Set.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA");
    static final int MINIMUM_KEY_BITS = 2048;
    /** A root certificate is a few KiB; anything far larger is not one (and is not read whole into a driver's properties). */
    public static final int MAX_BYTES = 64 * 1024;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private RootCertificate() {}

    /**
     * The certificate, re-encoded as PEM (what the drivers take verbatim).
     *
     * @param connectionName names the connection in messages
     * @param location the {@code CUSTOM_JDBC_CERT} value, for messages
     * @throws JdbcSslException when the content is not one PEM X.509 certificate, or fails the check
     */
    public static String validatedPem(String connectionName, String location, byte[] content, boolean skipValidation) {
        String where = "CUSTOM_JDBC_CERT " + location + " of connection " + connectionName;
        if (content.length > MAX_BYTES) {
            throw new JdbcSslException(where + " is " + content.length + " bytes, more than a certificate (at most " + MAX_BYTES + ")");
        }
        String text = new String(content, US_ASCII);
        if (!text.contains(BEGIN)) {
            throw new JdbcSslException(where + " is not a PEM certificate: Glue takes an X.509 certificate, DER-encoded and supplied in "
                    + "Base64 PEM format (between " + BEGIN + " and -----END CERTIFICATE----- lines)");
        }
        X509Certificate certificate = onlyCertificate(where, content);
        if (!skipValidation) {
            check(where, certificate);
        }
        return pem(where, certificate);
    }

    private static X509Certificate onlyCertificate(String where, byte[] content) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content));
            for (Certificate certificate : parsed) {
                certificates.add((X509Certificate) certificate);
            }
        }
        catch (CertificateException e) {
            throw new JdbcSslException(where + " cannot be read as an X.509 certificate: " + e.getMessage());
        }
        if (certificates.size() != 1) {
            throw new JdbcSslException(where + " holds " + certificates.size() + " certificates; give the one root certificate that signed the database's");
        }
        return certificates.get(0);
    }

    private static void check(String where, X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName();
        if (!ALLOWED_SIGNATURE_ALGORITHMS.contains(algorithm)) {
            throw new JdbcSslException(where + " is signed with " + algorithm + "; Glue accepts SHA256withRSA, SHA384withRSA or SHA512withRSA "
                    + "(set SKIP_CUSTOM_JDBC_CERT_VALIDATION to true to skip this check)");
        }
        PublicKey key = certificate.getPublicKey();
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new JdbcSslException(where + " has a " + key.getAlgorithm() + " public key; Glue accepts RSA keys of at least " + MINIMUM_KEY_BITS
                    + " bits (set SKIP_CUSTOM_JDBC_CERT_VALIDATION to true to skip this check)");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MINIMUM_KEY_BITS) {
            throw new JdbcSslException(where + " has a " + bits + "-bit RSA key; Glue accepts at least " + MINIMUM_KEY_BITS
                    + " bits (set SKIP_CUSTOM_JDBC_CERT_VALIDATION to true to skip this check)");
        }
    }

    private static String pem(String where, X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(certificate.getEncoded());
            return BEGIN + "\n" + body + "\n-----END CERTIFICATE-----\n";
        }
        catch (CertificateEncodingException e) {
            throw new JdbcSslException(where + " cannot be encoded again: " + e.getMessage());
        }
    }
}
