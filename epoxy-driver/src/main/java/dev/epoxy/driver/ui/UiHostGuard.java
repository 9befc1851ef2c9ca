package dev.epoxy.driver.ui;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A servlet filter on the session's Spark UI (registered by the launcher with {@code spark.ui.filters};
 * Spark 3.5 serves its UI with javax.servlet) that refuses requests whose {@code Host} header is not a
 * loopback name or an allowed host, with 403. A web page in the user's browser could otherwise reach
 * the UI on 127.0.0.1 through a DNS name it controls (DNS rebinding). The same rule as the Glue
 * endpoint's own guard: {@code localhost}, {@code 127.x.x.x}, {@code [::1]} and
 * {@code epoxy.server.allowed-hosts}, any port.
 *
 * <p>Init parameters (Spark conf {@code spark.dev.epoxy.driver.ui.UiHostGuard.param.<name>}):
 * {@code enabled} ({@code false} accepts every host, as the Glue endpoint does when it is bound to a
 * non-loopback address) and {@code allowed-hosts} (comma-separated, without port).
 */
public final class UiHostGuard implements Filter {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern PORT = Pattern.compile(":\\d*$");

    private volatile boolean enabled = true;
    private volatile Set<String> allowedHosts = Set.of();

    @Override
    public void init(FilterConfig config) {
        enabled = !"false".equalsIgnoreCase(String.valueOf(config.getInitParameter("enabled")).strip());
        String allowed = config.getInitParameter("allowed-hosts");
        allowedHosts = allowed == null ? Set.of() : Arrays.stream(allowed.split(","))
                .map(host -> host.strip().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        String host = request instanceof HttpServletRequest http ? http.getHeader("Host") : null;
        if (!enabled || isAllowed(host, allowedHosts)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(HttpServletResponse.SC_FORBIDDEN);
        http.setContentType("text/plain; charset=utf-8");
        http.getOutputStream().write(("Host not allowed: the session's Spark UI accepts only localhost, 127.0.0.1 and [::1]; "
                + "add the host to epoxy.server.allowed-hosts to allow it\n").getBytes(UTF_8));
    }

    /**
     * Whether a {@code Host} header names a loopback host or one of {@code allowedHosts} (lower case,
     * without port). A request without one (HTTP/1.0 tools) is let through: browsers always send it.
     */
    static boolean isAllowed(String hostHeader, Set<String> allowedHosts) {
        if (hostHeader == null) {
            return true;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end > 0 ? host.substring(0, end + 1) : host;
        }
        else {
            host = PORT.matcher(host).replaceFirst("");
        }
        return host.equals("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches() || allowedHosts.contains(host);
    }
}
