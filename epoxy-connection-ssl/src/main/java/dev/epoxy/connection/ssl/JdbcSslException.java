package dev.epoxy.connection.ssl;

/**
 * A Glue connection's SSL properties cannot be used: a certificate that is missing, unreadable or refused, or a
 * combination the JDBC driver cannot do. The message names the connection and the culprit, for the caller to
 * report in its own error type (an API error, a statement error, a crawl's error message).
 */
public final class JdbcSslException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JdbcSslException(String message) {
        super(message);
    }
}
