package dev.epoxy.server.http;

import static java.lang.String.format;

import dev.epoxy.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses requests whose {@code Host} is not a loopback name while the server listens on loopback. A web
 * page in the user's browser can reach 127.0.0.1 through a DNS name it controls (DNS rebinding); such
 * requests carry that name in {@code Host}, so only {@code localhost}, {@code 127.x.x.x}, {@code [::1]} and
 * the configured extra hosts are accepted. When the server is explicitly bound elsewhere, every host is.
 */
final class HostGuard {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern PORT = Pattern.compile(":\\d*$");

    private final boolean enabled;
    private final Set<String> allowedHosts;

    HostGuard(ServerConfig config) {
        this.enabled = isLoopback(config.bindAddress());
        this.allowedHosts = config.allowedHosts().stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws WireException {@link WireError#HOST_NOT_ALLOWED} when the host is refused */
    void check(Optional<String> hostHeader) {
        if (!enabled || hostHeader.isEmpty()) {
            // Only browsers matter here, and they always send Host; HTTP/1.0 tools may not.
            return;
        }
        String host = hostName(hostHeader.get());
        if (host.equals("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches() || allowedHosts.contains(host)) {
            return;
        }
        throw new WireException(WireError.HOST_NOT_ALLOWED, format(
                "Host '%s' is not allowed: the server listens on a loopback address and accepts only localhost, 127.0.0.1 and [::1]; "
                        + "add the host to epoxy.server.allowed-hosts (or bind elsewhere with epoxy.server.bind-address) to allow it",
                hostHeader.get()));
    }

    boolean enabled() {
        return enabled;
    }

    private static String hostName(String header) {
        String host = header.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        return PORT.matcher(host).replaceFirst("");
    }

    private static boolean isLoopback(String bindAddress) {
        if (List.of("localhost", "127.0.0.1", "::1", "[::1]").contains(bindAddress.toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }
}
