package dev.epoxy.core.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Where every store lives (sessions, tags, the catalog…): a JDBC URL (embedded H2 by default, PostgreSQL in production). */
public record StoreSettings(String jdbcUrl, Optional<String> user, Optional<String> password) {
    public StoreSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    @Override
    public String toString() {
        // Never print the password.
        return "StoreSettings[jdbcUrl=" + jdbcUrl + ", user=" + user.orElse("") + "]";
    }
}
