package dev.epoxy.server.http;

import static java.util.Objects.requireNonNull;

/** A protocol-level failure, answered with the shape {@link GlueErrors} gives its {@link WireError}. */
final class WireException extends RuntimeException {
    private final WireError error;

    WireException(WireError error, String message) {
        super(message);
        this.error = requireNonNull(error, "error is null");
    }

    WireError error() {
        return error;
    }
}
