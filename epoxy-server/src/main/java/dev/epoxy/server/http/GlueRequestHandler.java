package dev.epoxy.server.http;

import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.glue.model.ErrorResponse;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.RequestValidator;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.http.GlueErrors.GlueError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Glue JSON 1.1 front door: {@code POST /} with {@code X-Amz-Target: AWSGlue.<Operation>}, plus STS
 * {@code GetCallerIdentity} in the Query protocol. Every response carries {@code x-amzn-RequestId}; every
 * failure becomes an AWS-format error through {@link GlueErrors}.
 *
 * <p>Browsers: Glue operations need the custom {@code X-Amz-Target} header, which a cross-origin page can
 * only send after a CORS preflight, and this handler never approves one (no {@code Access-Control-*}
 * headers). DNS rebinding, which would make the page same-origin, is stopped by {@link HostGuard}.
 */
final class GlueRequestHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(GlueRequestHandler.class);
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    static final String TARGET_HEADER = "X-Amz-Target";
    static final String REQUEST_ID_ATTRIBUTE = GlueRequestHandler.class.getName() + ".requestId";
    static final String TARGET_PREFIX = "AWSGlue.";
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper ERROR_JSON = GlueJson.newObjectMapper();

    private final Map<String, GlueOperation<?, ?>> operations;
    private final ServiceModel model;
    private final RequestValidator validator;
    private final ObjectMapper json = GlueJson.newObjectMapper();
    private final HostGuard hostGuard;
    private final StsCallerIdentity sts;

    GlueRequestHandler(List<GlueOperation<?, ?>> operations, ServiceModel model, HostGuard hostGuard, StsCallerIdentity sts) {
        this.operations = operations.stream().collect(Collectors.toUnmodifiableMap(GlueOperation::name, Function.identity()));
        this.model = requireNonNull(model, "model is null");
        this.validator = new RequestValidator(model);
        this.hostGuard = requireNonNull(hostGuard, "hostGuard is null");
        this.sts = requireNonNull(sts, "sts is null");
        for (String name : this.operations.keySet()) {
            if (model.inputShapeName(name).isEmpty()) {
                throw new IllegalArgumentException("Operation is not in the bundled service model: " + name);
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        MDC.put("requestId", requestId);
        long startedNanos = System.nanoTime();
        String target = request.getMethod() + " " + Request.getPathInContext(request);
        int status = 500;
        try {
            hostGuard.check(header(request, HttpHeader.HOST.asString()));
            checkMethodAndPath(request);
            Optional<String> targetHeader = header(request, TARGET_HEADER);
            if (targetHeader.isEmpty() && StsCallerIdentity.isQueryRequest(header(request, HttpHeader.CONTENT_TYPE.asString()))) {
                target = "STS";
                StsCallerIdentity.StsResponse answer = sts.handle(
                        new String(readBody(request), StandardCharsets.UTF_8), header(request, HttpHeader.AUTHORIZATION.asString()), requestId);
                status = answer.status();
                write(response, callback, status, StsCallerIdentity.CONTENT_TYPE, answer.body().getBytes(StandardCharsets.UTF_8));
                return true;
            }
            GlueOperation<?, ?> operation = operation(targetHeader);
            target = operation.name();
            JsonNode tree = parse(readBody(request));
            validator.validate(operation.name(), tree);
            Object output = operation.invoke(read(tree, operation.inputType()));
            status = 200;
            write(response, callback, status, GlueJson.CONTENT_TYPE, json.writeValueAsBytes(output));
        }
        catch (Throwable failure) {
            GlueError error = GlueErrors.errorOf(failure, requestId);
            status = error.status();
            if (GlueErrors.isUnexpected(failure)) {
                LOG.error("{} failed with an unexpected error", target, failure);
            }
            writeError(response, callback, error);
        }
        finally {
            LOG.debug("{} -> {} in {} ms", target, status, (System.nanoTime() - startedNanos) / 1_000_000);
            MDC.remove("requestId");
        }
        return true;
    }

    /** Writes a Glue error: the shape name in the header and in {@code __type}, and the message. */
    static void writeError(Response response, Callback callback, GlueError error) {
        response.getHeaders().put(ERROR_TYPE_HEADER, error.type());
        byte[] body;
        try {
            body = ERROR_JSON.writeValueAsBytes(new ErrorResponse(error.type(), error.message()));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an error body", e);
        }
        write(response, callback, error.status(), GlueJson.CONTENT_TYPE, body);
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private GlueOperation<?, ?> operation(Optional<String> targetHeader) {
        String target = targetHeader.orElseThrow(() -> new WireException(WireError.UNKNOWN_OPERATION,
                "Missing X-Amz-Target header: expected AWSGlue.<Operation> (or a form-encoded STS request)"));
        if (!target.startsWith(TARGET_PREFIX)) {
            throw new WireException(WireError.UNKNOWN_OPERATION, "Unknown operation: X-Amz-Target " + target + " (Epoxy serves AWSGlue.<Operation>)");
        }
        String name = target.substring(TARGET_PREFIX.length());
        GlueOperation<?, ?> operation = operations.get(name);
        if (operation != null) {
            return operation;
        }
        if (model.inputShapeName(name).isPresent()) {
            throw new EpoxyException(NOT_SUPPORTED, "Operation %s is not supported by Epoxy yet", name);
        }
        throw new WireException(WireError.UNKNOWN_OPERATION, "Unknown operation: " + target);
    }

    private static void checkMethodAndPath(Request request) {
        String path = Request.getPathInContext(request);
        if (!request.getMethod().equals("POST") || !(path.equals("/") || path.isEmpty())) {
            throw new WireException(WireError.UNSUPPORTED_METHOD_OR_PATH,
                    "Epoxy serves the Glue and STS APIs at POST /, not " + request.getMethod() + " " + path);
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            // botocore always sends an object; an empty body means "no parameters".
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw new WireException(WireError.MALFORMED_REQUEST, "Cannot parse the request body as JSON: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            throw new WireException(WireError.MALFORMED_REQUEST, "Cannot parse the request body as JSON: " + e.getMessage());
        }
    }

    private <I> I read(JsonNode tree, Class<I> type) {
        try {
            return json.treeToValue(tree, type);
        }
        catch (JsonProcessingException e) {
            throw new WireException(WireError.MALFORMED_REQUEST, "Cannot read the request: " + e.getOriginalMessage());
        }
    }

    private static byte[] readBody(Request request) throws IOException {
        try (InputStream input = Content.Source.asInputStream(request)) {
            byte[] body = input.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new WireException(WireError.MALFORMED_REQUEST, "The request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private static Optional<String> header(Request request, String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }
}
