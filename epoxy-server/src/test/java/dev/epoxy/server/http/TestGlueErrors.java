package dev.epoxy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.glue.model.RequestValidationException;
import dev.epoxy.server.http.GlueErrors.GlueError;
import dev.epoxy.server.http.GlueErrors.GlueErrorShape;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestGlueErrors {
    private static final Map<ErrorCode, String> EXPECTED = Map.ofEntries(
            Map.entry(ErrorCode.SESSION_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.STATEMENT_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.DATABASE_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.TABLE_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.CONNECTION_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.JOB_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.ENTITY_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.CRAWLER_NOT_FOUND, "EntityNotFoundException"),
            Map.entry(ErrorCode.CRAWLER_RUNNING, "CrawlerRunningException"),
            Map.entry(ErrorCode.CRAWLER_NOT_RUNNING, "CrawlerNotRunningException"),
            Map.entry(ErrorCode.CRAWLER_STOPPING, "CrawlerStoppingException"),
            Map.entry(ErrorCode.ALREADY_EXISTS, "AlreadyExistsException"),
            Map.entry(ErrorCode.INVALID_INPUT, "InvalidInputException"),
            Map.entry(ErrorCode.ILLEGAL_SESSION_STATE, "IllegalSessionStateException"),
            Map.entry(ErrorCode.SESSION_BUSY, "SessionBusyException"),
            Map.entry(ErrorCode.CONCURRENT_MODIFICATION, "ConcurrentModificationException"),
            Map.entry(ErrorCode.CONCURRENT_RUNS_EXCEEDED, "ConcurrentRunsExceededException"),
            Map.entry(ErrorCode.LIMIT_EXCEEDED, "ResourceNumberLimitExceededException"),
            Map.entry(ErrorCode.NOT_SUPPORTED, "OperationNotSupportedException"),
            Map.entry(ErrorCode.TIMEOUT, "OperationTimeoutException"),
            Map.entry(ErrorCode.INTERNAL, "InternalServiceException"));

    @Test
    void everyErrorCodeMapsToItsGlueShape() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        for (ErrorCode code : ErrorCode.values()) {
            GlueErrorShape shape = GlueErrors.shapeOf(code);
            assertThat(shape.name()).as("shape of %s", code).isEqualTo(EXPECTED.get(code));
            assertThat(shape.status()).as("status of %s", code).isEqualTo(code == ErrorCode.INTERNAL ? 500 : 400);
        }
    }

    @Test
    void everyWireErrorMapsToAnAwsShape() {
        assertThat(Arrays.stream(WireError.values()).map(GlueErrors::shapeOf).map(GlueErrorShape::name)).containsExactly(
                "SerializationException", "SerializationException", "UnknownOperationException", "UnknownOperationException", "AccessDeniedException",
                "UnknownOperationException", "RequestTimeoutException", "ThrottlingException");
        assertThat(GlueErrors.shapeOf(WireError.HOST_NOT_ALLOWED).status()).isEqualTo(403);
        assertThat(GlueErrors.shapeOf(WireError.REQUEST_TIMEOUT).status()).isEqualTo(408);
        // botocore retries ThrottlingException only with status 400 (botocore/data/_retry.json).
        assertThat(GlueErrors.shapeOf(WireError.THROTTLED).status()).isEqualTo(400);
        assertThat(GlueErrors.shapeOf(WireError.MALFORMED_REQUEST).status()).isEqualTo(400);
    }

    @Test
    void domainErrorKeepsItsMessage() {
        GlueError error = GlueErrors.errorOf(new EpoxyException(ErrorCode.SESSION_NOT_FOUND, "Session not found: %s", "s1"), "r1");
        assertThat(error).isEqualTo(new GlueError(400, "EntityNotFoundException", "Session not found: s1"));
        assertThat(GlueErrors.isUnexpected(new EpoxyException(ErrorCode.SESSION_NOT_FOUND, "x"))).isFalse();
    }

    @Test
    void internalErrorHidesItsMessage() {
        GlueError error = GlueErrors.errorOf(new EpoxyException(ErrorCode.INTERNAL, "Cannot reach jdbc:postgresql://db"), "r1");
        assertThat(error).isEqualTo(new GlueError(500, "InternalServiceException", "An internal error occurred; the server log has the details for request r1"));
        assertThat(GlueErrors.isUnexpected(new EpoxyException(ErrorCode.INTERNAL, "x"))).isTrue();
    }

    @Test
    void unexpectedThrowableBecomesGenericInternalError() {
        GlueError error = GlueErrors.errorOf(new NullPointerException("secret detail"), "r2");
        assertThat(error).isEqualTo(new GlueError(500, "InternalServiceException", "An internal error occurred; the server log has the details for request r2"));
        assertThat(GlueErrors.isUnexpected(new NullPointerException())).isTrue();
        assertThat(GlueErrors.isUnexpected(new StackOverflowError())).isTrue();
    }

    @Test
    void validationFailuresMapByKind() {
        assertThat(GlueErrors.errorOf(new RequestValidationException(RequestValidationException.Kind.WRONG_TYPE, "bad type"), "r"))
                .isEqualTo(new GlueError(400, "SerializationException", "bad type"));
        assertThat(GlueErrors.errorOf(new RequestValidationException(RequestValidationException.Kind.CONSTRAINT, "bad value"), "r"))
                .isEqualTo(new GlueError(400, "InvalidInputException", "bad value"));
    }

    @Test
    void jettyErrorsMapByStatus() {
        assertThat(GlueErrors.errorOfHttpStatus(431, "Request Header Fields Too Large", "r"))
                .isEqualTo(new GlueError(400, "SerializationException", "Cannot read the HTTP request: Request Header Fields Too Large"));
        assertThat(GlueErrors.errorOfHttpStatus(408, "Request Timeout", "r"))
                .isEqualTo(new GlueError(408, "RequestTimeoutException", "Cannot read the HTTP request: Request Timeout"));
        assertThat(GlueErrors.errorOfHttpStatus(500, "boom", "r3").type()).isEqualTo("InternalServiceException");
        assertThat(GlueErrors.errorOfHttpStatus(500, "boom", "r3").message()).doesNotContain("boom");
    }
}
