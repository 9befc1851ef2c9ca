package dev.epoxy.server.http;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.glue.model.RequestValidationException;

/**
 * The one place that knows AWS error names and HTTP statuses. Every {@link ErrorCode} and every
 * {@link WireError} maps to exactly one shape through an exhaustive switch, so a new code does not
 * compile until it is mapped.
 *
 * <p>Errors go out twice: as the {@code x-amzn-ErrorType} header (read first by the AWS SDKs for Java,
 * Go and Kotlin) and as {@code __type} in the body (the only place botocore looks).
 */
public final class GlueErrors {
    /** An AWS error shape and the status it is sent with. */
    public record GlueErrorShape(String name, int status) {
        public GlueErrorShape {
            requireNonNull(name, "name is null");
        }
    }

    /** A rendered error: status, shape name and the message for the client. */
    public record GlueError(int status, String type, String message) {
        public GlueError {
            requireNonNull(type, "type is null");
            requireNonNull(message, "message is null");
        }
    }

    static final GlueErrorShape ACCESS_DENIED_EXCEPTION = new GlueErrorShape("AccessDeniedException", 403);
    static final GlueErrorShape ALREADY_EXISTS_EXCEPTION = new GlueErrorShape("AlreadyExistsException", 400);
    static final GlueErrorShape CONCURRENT_MODIFICATION_EXCEPTION = new GlueErrorShape("ConcurrentModificationException", 400);
    static final GlueErrorShape CONCURRENT_RUNS_EXCEEDED_EXCEPTION = new GlueErrorShape("ConcurrentRunsExceededException", 400);
    static final GlueErrorShape ENTITY_NOT_FOUND_EXCEPTION = new GlueErrorShape("EntityNotFoundException", 400);
    static final GlueErrorShape ILLEGAL_SESSION_STATE_EXCEPTION = new GlueErrorShape("IllegalSessionStateException", 400);
    static final GlueErrorShape INTERNAL_SERVICE_EXCEPTION = new GlueErrorShape("InternalServiceException", 500);
    static final GlueErrorShape CRAWLER_RUNNING_EXCEPTION = new GlueErrorShape("CrawlerRunningException", 400);
    static final GlueErrorShape CRAWLER_NOT_RUNNING_EXCEPTION = new GlueErrorShape("CrawlerNotRunningException", 400);
    static final GlueErrorShape CRAWLER_STOPPING_EXCEPTION = new GlueErrorShape("CrawlerStoppingException", 400);
    static final GlueErrorShape INVALID_INPUT_EXCEPTION = new GlueErrorShape("InvalidInputException", 400);
    static final GlueErrorShape OPERATION_NOT_SUPPORTED_EXCEPTION = new GlueErrorShape("OperationNotSupportedException", 400);
    static final GlueErrorShape OPERATION_TIMEOUT_EXCEPTION = new GlueErrorShape("OperationTimeoutException", 400);
    static final GlueErrorShape RESOURCE_NUMBER_LIMIT_EXCEEDED_EXCEPTION = new GlueErrorShape("ResourceNumberLimitExceededException", 400);
    static final GlueErrorShape SERIALIZATION_EXCEPTION = new GlueErrorShape("SerializationException", 400);
    /** Not a Glue shape: AWS's front end answers a request whose body does not arrive in time with it. */
    static final GlueErrorShape REQUEST_TIMEOUT_EXCEPTION = new GlueErrorShape("RequestTimeoutException", 408);
    static final GlueErrorShape SESSION_BUSY_EXCEPTION = new GlueErrorShape("SessionBusyException", 400);
    /** botocore and the AWS SDKs retry this code with backoff (botocore {@code retries/standard.py}, {@code _retry.json}). */
    static final GlueErrorShape THROTTLING_EXCEPTION = new GlueErrorShape("ThrottlingException", 400);
    static final GlueErrorShape UNKNOWN_OPERATION_EXCEPTION = new GlueErrorShape("UnknownOperationException", 400);

    /** Sent for every unexpected failure; the details go to the server log, never to the client. */
    static final String INTERNAL_MESSAGE = "An internal error occurred; the server log has the details for request %s";

    private GlueErrors() {}

    public static GlueErrorShape shapeOf(ErrorCode code) {
        return switch (code) {
            case SESSION_NOT_FOUND, STATEMENT_NOT_FOUND, DATABASE_NOT_FOUND, TABLE_NOT_FOUND,
                 CONNECTION_NOT_FOUND, JOB_NOT_FOUND, ENTITY_NOT_FOUND, CRAWLER_NOT_FOUND -> ENTITY_NOT_FOUND_EXCEPTION;
            case CRAWLER_RUNNING -> CRAWLER_RUNNING_EXCEPTION;
            case CRAWLER_NOT_RUNNING -> CRAWLER_NOT_RUNNING_EXCEPTION;
            case CRAWLER_STOPPING -> CRAWLER_STOPPING_EXCEPTION;
            case ALREADY_EXISTS -> ALREADY_EXISTS_EXCEPTION;
            case INVALID_INPUT -> INVALID_INPUT_EXCEPTION;
            case ILLEGAL_SESSION_STATE -> ILLEGAL_SESSION_STATE_EXCEPTION;
            case SESSION_BUSY -> SESSION_BUSY_EXCEPTION;
            case CONCURRENT_MODIFICATION -> CONCURRENT_MODIFICATION_EXCEPTION;
            case CONCURRENT_RUNS_EXCEEDED -> CONCURRENT_RUNS_EXCEEDED_EXCEPTION;
            case LIMIT_EXCEEDED -> RESOURCE_NUMBER_LIMIT_EXCEEDED_EXCEPTION;
            case NOT_SUPPORTED -> OPERATION_NOT_SUPPORTED_EXCEPTION;
            case TIMEOUT -> OPERATION_TIMEOUT_EXCEPTION;
            case INTERNAL -> INTERNAL_SERVICE_EXCEPTION;
        };
    }

    public static GlueErrorShape shapeOf(WireError error) {
        return switch (error) {
            case MALFORMED_REQUEST, MALFORMED_HTTP -> SERIALIZATION_EXCEPTION;
            // AWS picks the protocol by Content-Type; without a JSON 1.1 one it cannot find the operation.
            case UNKNOWN_OPERATION, UNSUPPORTED_METHOD_OR_PATH, UNSUPPORTED_CONTENT_TYPE -> UNKNOWN_OPERATION_EXCEPTION;
            case HOST_NOT_ALLOWED -> ACCESS_DENIED_EXCEPTION;
            case REQUEST_TIMEOUT -> REQUEST_TIMEOUT_EXCEPTION;
            case THROTTLED -> THROTTLING_EXCEPTION;
        };
    }

    /**
     * The error to send for a failure. Domain and protocol failures keep their message; anything else,
     * and {@code INTERNAL}, gets a generic message naming the request id (the caller logs the cause).
     */
    public static GlueError errorOf(Throwable failure, String requestId) {
        if (failure instanceof EpoxyException epoxy && epoxy.code() != ErrorCode.INTERNAL) {
            return render(shapeOf(epoxy.code()), epoxy.getMessage());
        }
        if (failure instanceof WireException wire) {
            return render(shapeOf(wire.error()), wire.getMessage());
        }
        if (failure instanceof RequestValidationException invalid) {
            return switch (invalid.kind()) {
                case WRONG_TYPE -> render(shapeOf(WireError.MALFORMED_REQUEST), invalid.getMessage());
                case CONSTRAINT -> render(shapeOf(ErrorCode.INVALID_INPUT), invalid.getMessage());
            };
        }
        return render(INTERNAL_SERVICE_EXCEPTION, format(INTERNAL_MESSAGE, requestId));
    }

    /** Whether the failure is unexpected, so the caller logs it with its stack trace. */
    public static boolean isUnexpected(Throwable failure) {
        if (failure instanceof EpoxyException epoxy) {
            return epoxy.code() == ErrorCode.INTERNAL;
        }
        return !(failure instanceof WireException) && !(failure instanceof RequestValidationException);
    }

    /** The error for a failure Jetty detected itself (unreadable request, or an escaped exception). */
    static GlueError errorOfHttpStatus(int status, String reason, String requestId) {
        if (status >= 500) {
            return render(INTERNAL_SERVICE_EXCEPTION, format(INTERNAL_MESSAGE, requestId));
        }
        WireError error = status == 408 ? WireError.REQUEST_TIMEOUT : WireError.MALFORMED_HTTP;
        return render(shapeOf(error), "Cannot read the HTTP request: " + (reason == null ? "status " + status : reason));
    }

    private static GlueError render(GlueErrorShape shape, String message) {
        return new GlueError(shape.status(), shape.name(), message == null ? shape.name() : message);
    }
}
