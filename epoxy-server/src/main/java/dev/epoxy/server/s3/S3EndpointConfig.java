package dev.epoxy.server.s3;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

/**
 * Settings of the embedded S3-compatible endpoint.
 *
 * @param enabled whether the server starts the endpoint ({@code epoxy.s3.enabled}, default true)
 * @param port the TCP port to listen on, 0 for any free port ({@code epoxy.s3.port}, default 9912)
 * @param bindAddress the address to listen on ({@code epoxy.s3.bind-address}, default 127.0.0.1)
 */
public record S3EndpointConfig(boolean enabled, int port, String bindAddress) {
    public static final int DEFAULT_PORT = 9912;

    public S3EndpointConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        checkInput(port >= 0 && port <= 65535, "Invalid epoxy.s3.port: %s", port);
        checkInput(!bindAddress.isBlank(), "Invalid epoxy.s3.bind-address: empty");
    }

    public static S3EndpointConfig defaults() {
        return new S3EndpointConfig(true, DEFAULT_PORT, "127.0.0.1");
    }

    public S3EndpointConfig withEnabled(boolean value) {
        return new S3EndpointConfig(value, port, bindAddress);
    }

    public S3EndpointConfig withPort(int value) {
        return new S3EndpointConfig(enabled, value, bindAddress);
    }

    public S3EndpointConfig withBindAddress(String value) {
        return new S3EndpointConfig(enabled, port, value);
    }
}
