package dev.epoxy.server.http;

import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.RequestContext;
import dev.epoxy.glue.model.ErrorResponse;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.RequestValidator;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.config.RequestLimits;
import dev.epoxy.server.http.GlueErrors.GlueError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Glue JSON 1.1 front door: {@code POST /} with {@code X-Amz-Target: AWSGlue.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.1}, plus STS {@code GetCallerIdentity} in the Query
 * protocol. Every response carries {@code x-amzn-RequestId}; every failure becomes an AWS-format error
 * through {@link GlueErrors} (or STS's XML errors for STS requests).
 *
 * <p>A request goes through two halves. This handler checks the headers and reads the body
 * asynchronously ({@link RequestBodyReader}), holding no thread while a slow client sends it; only then
 * does the request enter the {@link RequestThrottle}, which bounds how many are processed at once, and
 * reach {@link #process}, which parses, validates and runs the operation.
 *
 * <p>Browsers: Glue operations need the custom {@code X-Amz-Target} header, which a cross-origin page can
 * only send after a CORS preflight, and this handler never approves one (no {@code Access-Control-*}
 * headers). DNS rebinding, which would make the page same-origin, is stopped by {@link HostGuard}.
 */
final class GlueRequestHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(GlueRequestHandler.class);
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    static final String TARGET_HEADER = "X-Amz-Target";
    static final String REQUEST_ID_ATTRIBUTE = GlueRequestHandler.class.getName() + ".requestId";
    private static final String EXCHANGE_ATTRIBUTE = GlueRequestHandler.class.getName() + ".exchange";
    private static final String BODY_ATTRIBUTE = GlueRequestHandler.class.getName() + ".body";
    static final String TARGET_PREFIX = "AWSGlue.";
    static final String JSON_MEDIA_TYPE = "application/x-amz-json-1.1";
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper ERROR_JSON = GlueJson.newObjectMapper();

    /** Which API a request speaks, known once its headers are checked. */
    private enum Api {
        GLUE,
        STS
    }

    /** What the first half learned about a request, for the second half and for error answers. */
    private record Exchange(String requestId, long startedNanos, Api api, String target, Optional<GlueOperation<?, ?>> operation) {}

    private final Map<String, GlueOperation<?, ?>> operations;
    private final ServiceModel model;
    private final RequestValidator validator;
    private final ObjectMapper json = GlueJson.newObjectMapper();
    private final HostGuard hostGuard;
    private final StsCallerIdentity sts;
    private final RequestLimits limits;
    private final RequestBodyReader.Budget bodyBudget;
    private final String accountId;
    private final String region;

    GlueRequestHandler(List<GlueOperation<?, ?>> operations, ServiceModel model, HostGuard hostGuard, StsCallerIdentity sts, RequestLimits limits,
            String accountId, String region) {
        this.operations = operations.stream().collect(Collectors.toUnmodifiableMap(GlueOperation::name, Function.identity()));
        this.model = requireNonNull(model, "model is null");
        this.validator = new RequestValidator(model);
        this.hostGuard = requireNonNull(hostGuard, "hostGuard is null");
        this.sts = requireNonNull(sts, "sts is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.bodyBudget = new RequestBodyReader.Budget(limits.maxBufferedBodyBytes());
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.region = requireNonNull(region, "region is null");
        for (String name : this.operations.keySet()) {
            if (model.inputShapeName(name).isEmpty()) {
                throw new IllegalArgumentException("Operation is not in the bundled service model: " + name);
            }
        }
        setHandler(new RequestThrottle(limits, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                process(request, response, callback);
                return true;
            }
        }));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        long startedNanos = System.nanoTime();
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        MDC.put("requestId", requestId);
        try {
            request.setAttribute(EXCHANGE_ATTRIBUTE, new Exchange(requestId, startedNanos, Api.GLUE, request.getMethod() + " " + Request.getPathInContext(request), Optional.empty()));
            hostGuard.check(header(request, HttpHeader.HOST.asString()));
            checkMethodAndPath(request);
            Optional<String> targetHeader = header(request, TARGET_HEADER);
            Optional<String> contentType = header(request, HttpHeader.CONTENT_TYPE.asString());
            if (targetHeader.isEmpty() && StsCallerIdentity.isQueryRequest(contentType)) {
                request.setAttribute(EXCHANGE_ATTRIBUTE, new Exchange(requestId, startedNanos, Api.STS, "STS", Optional.empty()));
            }
            else {
                checkContentType(contentType);
                GlueOperation<?, ?> operation = operation(targetHeader);
                request.setAttribute(EXCHANGE_ATTRIBUTE, new Exchange(requestId, startedNanos, Api.GLUE, operation.name(), Optional.of(operation)));
            }
            if (request.getLength() > MAX_BODY_BYTES) {
                throw new WireException(WireError.MALFORMED_REQUEST, "The request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            RequestBodyReader.read(request, MAX_BODY_BYTES, limits, bodyBudget, new Promise<>() {
                @Override
                public void succeeded(byte[] body) {
                    request.setAttribute(BODY_ATTRIBUTE, body);
                    try {
                        if (!getHandler().handle(request, response, callback)) {
                            throw new IllegalStateException("The request throttle declined request " + requestId);
                        }
                    }
                    catch (Throwable failure) {
                        writeFailure(request, response, callback, failure);
                    }
                }

                @Override
                public void failed(Throwable failure) {
                    writeFailure(request, response, callback, failure);
                }
            });
        }
        catch (Throwable failure) {
            writeFailure(request, response, callback, failure);
        }
        finally {
            MDC.remove("requestId");
        }
        return true;
    }

    /** Bytes the bodies in memory hold now (for tests). */
    long bufferedBodyBytes() {
        return bodyBudget.used();
    }

    /** The second half: the body has arrived and the request holds a processing slot. */
    private void process(Request request, Response response, Callback callback) {
        Exchange exchange = exchange(request);
        MDC.put("requestId", exchange.requestId());
        try {
            byte[] body = (byte[]) request.getAttribute(BODY_ATTRIBUTE);
            if (exchange.api() == Api.STS) {
                StsCallerIdentity.StsResponse answer = sts.handle(new String(body, StandardCharsets.UTF_8),
                        header(request, HttpHeader.AUTHORIZATION.asString()), exchange.requestId());
                write(response, callback, answer.status(), StsCallerIdentity.CONTENT_TYPE, answer.body().getBytes(StandardCharsets.UTF_8));
                logOutcome(exchange, answer.status());
                return;
            }
            GlueOperation<?, ?> operation = exchange.operation().orElseThrow();
            JsonNode tree = parse(body);
            validator.validate(operation.name(), tree);
            RequestContext context = new RequestContext(exchange.requestId(), accountId, region,
                    header(request, HttpHeader.AUTHORIZATION.asString()).flatMap(StsCallerIdentity::accessKeyId));
            Object output = operation.invoke(context, read(tree, operation.inputType()));
            if (output instanceof CompletionStage<?> pending) {
                // A held answer (GetStatement): no thread waits; the request keeps its processing slot.
                pending.whenComplete((value, failure) -> answerLater(request, response, callback, exchange, value, failure));
                return;
            }
            writeOutput(response, callback, exchange, output);
        }
        catch (Throwable failure) {
            writeFailure(request, response, callback, failure);
        }
        finally {
            MDC.remove("requestId");
        }
    }

    private void writeOutput(Response response, Callback callback, Exchange exchange, Object output) throws JsonProcessingException {
        write(response, callback, 200, GlueJson.CONTENT_TYPE, json.writeValueAsBytes(output));
        logOutcome(exchange, 200);
    }

    /** Answers a request whose operation returned a future, on the thread that completed it. */
    private void answerLater(Request request, Response response, Callback callback, Exchange exchange, Object output, Throwable failure) {
        MDC.put("requestId", exchange.requestId());
        try {
            if (failure != null) {
                writeFailure(request, response, callback, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
            else {
                writeOutput(response, callback, exchange, output);
            }
        }
        catch (Throwable writeFailure) {
            writeFailure(request, response, callback, writeFailure);
        }
        finally {
            MDC.remove("requestId");
        }
    }

    /**
     * Answers a failed request in its API's format: a Glue error for Glue requests, STS's XML error for
     * STS ones. Only unexpected failures are logged with their stack trace; the client's own mistakes
     * (a slow, short or malformed body, a throttled request) get one DEBUG line.
     */
    static void writeFailure(Request request, Response response, Callback callback, Throwable failure) {
        Exchange exchange = exchange(request);
        // Also called from Jetty's threads (body deadlines, the throttle), where the MDC is not set.
        String previousRequestId = MDC.get("requestId");
        MDC.put("requestId", exchange.requestId());
        try {
            if (request.getAttribute(BODY_ATTRIBUTE) == null && request.getLength() != 0) {
                // The body was not read to its end; the connection cannot carry another request.
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            }
            answerFailure(exchange, response, callback, failure);
        }
        finally {
            if (previousRequestId == null) {
                MDC.remove("requestId");
            }
            else {
                MDC.put("requestId", previousRequestId);
            }
        }
    }

    private static void answerFailure(Exchange exchange, Response response, Callback callback, Throwable failure) {
        boolean unexpected = GlueErrors.isUnexpected(failure);
        if (unexpected) {
            LOG.error("{} failed with an unexpected error", exchange.target(), failure);
        }
        int status;
        if (exchange.api() == Api.STS) {
            StsCallerIdentity.StsResponse answer = failure instanceof WireException wire
                    ? StsCallerIdentity.failure(wire.error(), wire.getMessage(), exchange.requestId())
                    : StsCallerIdentity.internalFailure(exchange.requestId());
            status = answer.status();
            write(response, callback, status, StsCallerIdentity.CONTENT_TYPE, answer.body().getBytes(StandardCharsets.UTF_8));
        }
        else {
            GlueError error = GlueErrors.errorOf(failure, exchange.requestId());
            status = error.status();
            writeError(response, callback, error);
        }
        if (unexpected) {
            logOutcome(exchange, status);
        }
        else if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {} in {} ms: {}", exchange.target(), status, elapsedMillis(exchange), failure.getMessage());
        }
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

    private static void logOutcome(Exchange exchange, int status) {
        LOG.debug("{} -> {} in {} ms", exchange.target(), status, elapsedMillis(exchange));
    }

    private static long elapsedMillis(Exchange exchange) {
        return (System.nanoTime() - exchange.startedNanos()) / 1_000_000;
    }

    private static Exchange exchange(Request request) {
        if (request.getAttribute(EXCHANGE_ATTRIBUTE) instanceof Exchange exchange) {
            return exchange;
        }
        Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return new Exchange(requestId instanceof String id ? id : UUID.randomUUID().toString(), System.nanoTime(), Api.GLUE,
                request.getMethod() + " " + Request.getPathInContext(request), Optional.empty());
    }

    /**
     * AWS JSON 1.1 requests carry {@code Content-Type: application/x-amz-json-1.1}, and botocore, the AWS
     * CLI and the AWS SDK for Java v2 always send exactly that; parameters such as {@code charset} are
     * ignored (Smithy's awsJson1_1 protocol tests). AWS chooses the protocol from the Content-Type, so any
     * other type names no Glue operation.
     */
    private static void checkContentType(Optional<String> contentType) {
        String mediaType = contentType.map(type -> type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!mediaType.equals(JSON_MEDIA_TYPE)) {
            throw new WireException(WireError.UNSUPPORTED_CONTENT_TYPE, contentType.isEmpty()
                    ? "Missing Content-Type: Glue requests are " + JSON_MEDIA_TYPE
                    : "Unsupported Content-Type: Glue requests are " + JSON_MEDIA_TYPE + ", not " + StsCallerIdentity.echo(contentType.get()));
        }
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
        try (JsonParser parser = json.createParser(body)) {
            JsonNode tree = json.readTree(parser);
            if (tree == null) {
                return json.createObjectNode();
            }
            // One value and nothing after it but whitespace: AWS refuses "{...}x" and two objects in a row.
            long end = parser.currentLocation().getByteOffset();
            boolean trailing;
            try {
                trailing = parser.nextToken() != null;
            }
            catch (JsonProcessingException e) {
                trailing = true;
            }
            if (trailing) {
                throw new WireException(WireError.MALFORMED_REQUEST, "Cannot parse the request body as JSON: " + JsonFailures.trailingData(body, (int) end));
            }
            return tree;
        }
        catch (JsonProcessingException e) {
            throw new WireException(WireError.MALFORMED_REQUEST, "Cannot parse the request body as JSON: " + JsonFailures.describe(e));
        }
        catch (IOException e) {
            throw new WireException(WireError.MALFORMED_REQUEST, "Cannot parse the request body as JSON: it is not valid UTF-8 text");
        }
    }

    private <I> I read(JsonNode tree, Class<I> type) {
        try {
            return json.treeToValue(tree, type);
        }
        catch (JsonProcessingException e) {
            throw new WireException(WireError.MALFORMED_REQUEST, "Cannot read the request: " + JsonFailures.describeMapping(e));
        }
    }

    private static Optional<String> header(Request request, String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }
}
