package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

/** A session's client-chosen id (Glue {@code NameString}, 1..255 characters). */
public record SessionId(String value) {
    public SessionId {
        requireNonNull(value, "value is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("session id is empty");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
