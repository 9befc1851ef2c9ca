package dev.epoxy.server.s3;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.lang.reflect.Field;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

/** Access to the handler chain of S3Proxy's own (relocated) Jetty, which S3Proxy offers no hook for. */
final class S3ProxyJetty {
    private S3ProxyJetty() {}

    /**
     * Replaces the handler of a built, not yet started S3Proxy with {@code wrapper} applied to it.
     *
     * @throws EpoxyException {@link ErrorCode#INTERNAL} if this S3Proxy version is laid out differently
     */
    static void wrapHandler(S3Proxy proxy, String purpose, UnaryOperator<Handler> wrapper) {
        Server server;
        try {
            // S3Proxy keeps its Jetty server in this field.
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            server = (Server) field.get(proxy);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot install %s in this S3Proxy version", purpose);
        }
        Handler handler = server.getHandler();
        if (handler == null) {
            throw new EpoxyException(ErrorCode.INTERNAL, "Cannot install %s: S3Proxy has no handler yet", purpose);
        }
        server.setHandler(wrapper.apply(handler));
    }
}
