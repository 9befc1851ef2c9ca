package dev.epoxy.core.store;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.arn.GlueArns;
import java.util.Optional;

/**
 * Where every store lives (sessions, tags, the catalog…): a JDBC URL (embedded H2 by default,
 * PostgreSQL in production), and the server's ARNs, which migrations that key rows by ARN need.
 */
public record StoreSettings(String jdbcUrl, Optional<String> user, Optional<String> password, GlueArns arns) {
    public StoreSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(arns, "arns is null");
    }

    /** Settings for a server with the default region and account ({@link GlueArns#defaults()}). */
    public StoreSettings(String jdbcUrl, Optional<String> user, Optional<String> password) {
        this(jdbcUrl, user, password, GlueArns.defaults());
    }

    @Override
    public String toString() {
        // Never print the password.
        return "StoreSettings[jdbcUrl=" + jdbcUrl + ", user=" + user.orElse("") + ", arns=" + arns + "]";
    }
}
