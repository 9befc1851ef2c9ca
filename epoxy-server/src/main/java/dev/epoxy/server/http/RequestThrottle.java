package dev.epoxy.server.http;

import static java.lang.String.format;

import dev.epoxy.server.config.RequestLimits;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's {@link QoSHandler} with Glue's answer: at most {@link RequestLimits#maxConcurrentRequests()}
 * requests are processed at once, up to {@link RequestLimits#maxQueuedRequests()} more wait (without a
 * thread) for up to {@link RequestLimits#maxQueueWait()}, and the rest are answered at once with
 * {@code ThrottlingException}, which botocore and the AWS SDKs retry with backoff. It sits behind the body
 * reader, so a request holds a slot only once its body has arrived.
 */
final class RequestThrottle extends QoSHandler {
    private final RequestLimits limits;

    RequestThrottle(RequestLimits limits, Handler next) {
        super(next);
        this.limits = limits;
        setMaxRequestCount(limits.maxConcurrentRequests());
        setMaxSuspendedRequestCount(limits.maxQueuedRequests());
        setMaxSuspend(limits.maxQueueWait());
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        GlueRequestHandler.writeFailure(request, response, callback, new WireException(WireError.THROTTLED, format(
                "Rate exceeded: %d requests are being processed, the most at once, and %d are waiting; retry with backoff",
                limits.maxConcurrentRequests(), limits.maxQueuedRequests())));
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        GlueRequestHandler.writeFailure(request, response, callback, new WireException(WireError.THROTTLED, format(
                "Rate exceeded: no processing slot became free within %d ms; retry with backoff", limits.maxQueueWait().toMillis())));
    }
}
