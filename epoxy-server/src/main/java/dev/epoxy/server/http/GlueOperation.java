package dev.epoxy.server.http;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.RequestContext;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One Glue operation served at {@code X-Amz-Target: AWSGlue.<name>}: the request is validated against the
 * service model, read into {@code inputType} (a model-bound record, or {@link com.fasterxml.jackson.databind.JsonNode}
 * for handlers that bind shapes from the model themselves) and given to {@code handler} with the request's
 * {@link RequestContext}; the result is the response body, or a {@link java.util.concurrent.CompletionStage} of it for an
 * answer given later without holding a thread. Handlers throw {@link dev.epoxy.core.EpoxyException};
 * they never build error JSON.
 */
public record GlueOperation<I, O>(String name, Class<I> inputType, BiFunction<RequestContext, I, O> handler) {
    public GlueOperation {
        requireNonNull(name, "name is null");
        requireNonNull(inputType, "inputType is null");
        requireNonNull(handler, "handler is null");
    }

    public static <I, O> GlueOperation<I, O> of(String name, Class<I> inputType, BiFunction<RequestContext, I, O> handler) {
        return new GlueOperation<>(name, inputType, handler);
    }

    /** An operation whose handler does not need the request context. */
    public static <I, O> GlueOperation<I, O> withoutContext(String name, Class<I> inputType, Function<I, O> handler) {
        requireNonNull(handler, "handler is null");
        return new GlueOperation<>(name, inputType, (context, input) -> handler.apply(input));
    }

    Object invoke(RequestContext context, Object input) {
        return handler.apply(context, inputType.cast(input));
    }
}
