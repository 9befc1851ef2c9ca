package dev.epoxy.server.http;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * One Glue operation served at {@code X-Amz-Target: AWSGlue.<name>}: the request is validated against the
 * service model, read into {@code inputType} and given to {@code handler}, whose result is the response
 * body. Handlers throw {@link dev.epoxy.core.EpoxyException}; they never build error JSON.
 */
public record GlueOperation<I, O>(String name, Class<I> inputType, Function<I, O> handler) {
    public GlueOperation {
        requireNonNull(name, "name is null");
        requireNonNull(inputType, "inputType is null");
        requireNonNull(handler, "handler is null");
    }

    public static <I, O> GlueOperation<I, O> of(String name, Class<I> inputType, Function<I, O> handler) {
        return new GlueOperation<>(name, inputType, handler);
    }

    Object invoke(Object input) {
        return handler.apply(inputType.cast(input));
    }
}
