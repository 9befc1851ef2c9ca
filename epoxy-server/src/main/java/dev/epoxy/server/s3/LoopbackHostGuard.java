package dev.epoxy.server.s3;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Refuses requests whose {@code Host} is not a loopback name or address, so that a web page cannot
 * reach the loopback-bound endpoint through DNS rebinding (its requests carry the attacker's host
 * name). Installed in front of S3Proxy's handler, inside S3Proxy's own (relocated) Jetty.
 */
final class LoopbackHostGuard extends Handler.Wrapper {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LoopbackHostGuard(Handler handler) {
        super(handler);
    }

    /**
     * Puts the guard in front of the handler of a built, not yet started S3Proxy.
     *
     * @throws dev.epoxy.core.EpoxyException {@link dev.epoxy.core.ErrorCode#INTERNAL} if this S3Proxy version is laid out differently
     */
    static void install(S3Proxy proxy) {
        S3ProxyJetty.wrapHandler(proxy, "the loopback Host check", LoopbackHostGuard::new);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = Request.getServerName(request);
        if (!isLoopbackHost(host)) {
            Response.writeError(request, response, callback, 403,
                    "Host " + host + " is not a loopback name; the S3 endpoint only answers requests to 127.0.0.1 or localhost");
            return true;
        }
        return super.handle(request, response, callback);
    }

    static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        // *.localhost never leaves the machine (RFC 6761); virtual-host style clients send bucket.localhost
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        // Only literals: a name that resolves to 127.0.0.1 is exactly what DNS rebinding produces.
        if (!IPV4_LITERAL.matcher(name).matches() && !name.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
