package dev.epoxy.server.http;

/**
 * Failures of the protocol itself, before any operation runs. {@link GlueErrors} maps each to its AWS
 * error shape, as it maps each {@link dev.epoxy.core.ErrorCode}.
 */
public enum WireError {
    /** The body is not JSON, or not the JSON types the model asks for. */
    MALFORMED_REQUEST,
    /** The HTTP request itself could not be read (Jetty's own errors). */
    MALFORMED_HTTP,
    /** {@code X-Amz-Target} is missing, not {@code AWSGlue.*}, or names an operation Epoxy does not serve. */
    UNKNOWN_OPERATION,
    /** Anything but {@code POST /}. */
    UNSUPPORTED_METHOD_OR_PATH,
    /** The {@code Host} header is not allowed while bound to loopback (DNS-rebinding guard). */
    HOST_NOT_ALLOWED,
    /** A Glue request whose {@code Content-Type} is not {@code application/x-amz-json-1.1}. */
    UNSUPPORTED_CONTENT_TYPE,
    /** The request body did not arrive in time: too slowly, or not completely before the deadline. */
    REQUEST_TIMEOUT,
    /** Every processing slot is taken and the queue for them is full or was waited in too long. */
    THROTTLED
}
