package dev.epoxy.core.connection;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A Glue connection as stored: Glue's {@code Connection} shape as a JSON document the server writes
 * <em>without</em> its secret (opaque to core and the store), the secret sealed by a {@link SecretCipher}
 * apart from it, so that the document can be logged, listed and compared without exposing a password,
 * and the times the server sets.
 */
public record StoredConnection(String name, String document, Optional<String> sealedPassword, Instant creationTime, Instant lastUpdatedTime) {
    public StoredConnection {
        requireNonNull(name, "name is null");
        requireNonNull(document, "document is null");
        requireNonNull(sealedPassword, "sealedPassword is null");
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(lastUpdatedTime, "lastUpdatedTime is null");
    }

    /** Never the sealed secret: records end up in logs and assertion messages. */
    @Override
    public String toString() {
        return "StoredConnection[name=" + name + ", document=" + document + ", sealedPassword=" + sealedPassword.map(ignored -> "****").orElse("none")
                + ", creationTime=" + creationTime + ", lastUpdatedTime=" + lastUpdatedTime + "]";
    }
}
