package dev.epoxy.driver.protocol;

/** A peer sent something that is not a valid link message; the connection should be closed. */
public final class LinkProtocolException extends RuntimeException {
    public LinkProtocolException(String message) {
        super(message);
    }

    public LinkProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
