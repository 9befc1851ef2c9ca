package dev.epoxy.glue.jdbc;

import static java.util.Objects.requireNonNull;

import dev.epoxy.connection.ssl.JdbcSsl;
import java.util.Optional;

/**
 * Where and as whom a JDBC source or sink connects: the properties of a Glue connection ({@code
 * JDBC_CONNECTION_URL}, {@code USERNAME}, {@code PASSWORD}, the SSL properties) or the explicit {@code url},
 * {@code user} and {@code password} options.
 *
 * @param name the Glue connection's name; empty for explicit options
 * @param ssl the connection's SSL settings ({@link JdbcSsl#NONE} for explicit options: their own driver options say it)
 */
public record JdbcConnection(Optional<String> name, String url, String user, String password, JdbcSsl ssl) {
    public JdbcConnection {
        requireNonNull(name, "name is null");
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(ssl, "ssl is null");
    }

    /** Whether the connection enforces SSL with hostname matching ({@code JDBC_ENFORCE_SSL}). */
    public boolean enforceSsl() {
        return ssl.enforced();
    }

    public JdbcVendor vendor() {
        return JdbcVendor.fromUrl(url);
    }

    /** What messages call it: {@code connection NAME}, or the URL's host for explicit options. */
    public String description() {
        return name.map(value -> "connection " + value).orElseGet(() -> "JDBC URL " + JdbcUrls.withoutQuery(url));
    }

    /** The same connection with the database of the URL replaced ({@code from_jdbc_conf}'s {@code database} option). */
    public JdbcConnection withDatabase(String database) {
        return new JdbcConnection(name, JdbcUrls.withDatabase(url, database), user, password, ssl);
    }

    // Never the password: records print every component.
    @Override
    public String toString() {
        return "JdbcConnection[" + description() + ", user=" + user + "]";
    }
}
