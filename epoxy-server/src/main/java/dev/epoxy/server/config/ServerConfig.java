package dev.epoxy.server.config;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.server.config.ConfigKey.ValueType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the HTTP endpoint and the identity it presents.
 *
 * @param port the listener's port; 0 picks a free one (tests)
 * @param bindAddress the address the listener binds to; on a loopback address only loopback
 *     {@code Host} headers (and {@code allowedHosts}) are accepted
 * @param allowedHosts extra {@code Host} names accepted while bound to loopback
 * @param region the region in ARNs ({@code arn:aws:glue:<region>:<account>:session/<id>})
 * @param accountId the account in ARNs and in STS GetCallerIdentity
 * @param requestLimits timeouts and concurrency limits of the listener
 */
public record ServerConfig(int port, String bindAddress, List<String> allowedHosts, String region, String accountId, RequestLimits requestLimits) {
    public static final ConfigKey PORT = ConfigKey.of("epoxy.server.port", ValueType.PORT, "9911",
            "Port of the Glue/STS HTTP endpoint.");
    public static final ConfigKey BIND_ADDRESS = ConfigKey.of("epoxy.server.bind-address", ValueType.STRING, "127.0.0.1",
            "Address the endpoint listens on. On a loopback address only requests whose Host is a loopback name are accepted.");
    public static final ConfigKey ALLOWED_HOSTS = ConfigKey.optional("epoxy.server.allowed-hosts", ValueType.LIST,
            "Comma-separated extra Host names (without port) accepted while bound to a loopback address.");
    public static final ConfigKey ADVERTISED_ENDPOINT = ConfigKey.optional("epoxy.server.advertised-endpoint", ValueType.STRING,
            "Glue endpoint URL given to session drivers (Spark conf spark.epoxy.glue.endpoint, AWS_ENDPOINT_URL_GLUE); absent means http://<bind address>:<bound port>, with 127.0.0.1 for a wildcard bind address.");
    public static final ConfigKey REGION = ConfigKey.of("epoxy.region", ValueType.STRING, "us-east-1",
            "Region reported in ARNs.");
    public static final ConfigKey ACCOUNT_ID = ConfigKey.of("epoxy.account-id", ValueType.STRING, "123456789012",
            "Account id reported in ARNs and by STS GetCallerIdentity.");

    public static final ConfigKey IDLE_TIMEOUT = ConfigKey.of("epoxy.server.idle-timeout", ValueType.DURATION, "30s",
            "How long a connection may stay silent, between requests or inside one, before the endpoint closes it.");
    public static final ConfigKey REQUEST_BODY_TIMEOUT = ConfigKey.of("epoxy.server.request-body-timeout", ValueType.DURATION, "10s",
            "How long a request body may take to arrive completely after its headers; later → 408 RequestTimeoutException.");
    public static final ConfigKey MIN_REQUEST_DATA_RATE = ConfigKey.of("epoxy.server.min-request-data-rate", ValueType.POSITIVE_INTEGER, "1024",
            "Slowest average rate, in bytes per second, at which a request body may arrive; slower → 408 RequestTimeoutException.");
    public static final ConfigKey MAX_CONCURRENT_REQUESTS = ConfigKey.of("epoxy.server.max-concurrent-requests", ValueType.POSITIVE_INTEGER, "32",
            "Requests whose bodies have arrived that are processed at once; the rest wait in a queue.");
    public static final ConfigKey MAX_QUEUED_REQUESTS = ConfigKey.of("epoxy.server.max-queued-requests", ValueType.INTEGER, "64",
            "Requests that may wait for a processing slot (0: none); beyond that → ThrottlingException at once.");
    public static final ConfigKey MAX_QUEUE_WAIT = ConfigKey.of("epoxy.server.max-queue-wait", ValueType.DURATION, "5s",
            "How long a request may wait for a processing slot before it is answered with ThrottlingException.");

    public static final ConfigKey MAX_BUFFERED_BODY_BYTES = ConfigKey.of("epoxy.server.max-buffered-body-bytes", ValueType.POSITIVE_INTEGER, "134217728",
            "Bytes all request bodies being received, waiting or processed may hold together; a body beyond that → ThrottlingException.");

    public static final List<ConfigKey> KEYS = List.of(PORT, BIND_ADDRESS, ALLOWED_HOSTS, ADVERTISED_ENDPOINT, REGION, ACCOUNT_ID,
            IDLE_TIMEOUT, REQUEST_BODY_TIMEOUT, MIN_REQUEST_DATA_RATE, MAX_CONCURRENT_REQUESTS, MAX_QUEUED_REQUESTS, MAX_QUEUE_WAIT, MAX_BUFFERED_BODY_BYTES);

    public ServerConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        allowedHosts = List.copyOf(requireNonNull(allowedHosts, "allowedHosts is null"));
        requireNonNull(region, "region is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(requestLimits, "requestLimits is null");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(9911, "127.0.0.1", List.of(), "us-east-1", "123456789012", RequestLimits.defaults());
    }

    public static ServerConfig from(EpoxyConfig config) {
        int maxQueuedRequests = config.getInt(MAX_QUEUED_REQUESTS);
        if (maxQueuedRequests < 0) {
            throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid %s: %s (must be 0 or more)", MAX_QUEUED_REQUESTS.name(), maxQueuedRequests);
        }
        return new ServerConfig(
                config.getInt(PORT),
                config.get(BIND_ADDRESS),
                config.getList(ALLOWED_HOSTS),
                config.get(REGION),
                config.get(ACCOUNT_ID),
                new RequestLimits(
                        config.getDuration(IDLE_TIMEOUT),
                        config.getDuration(REQUEST_BODY_TIMEOUT),
                        config.getInt(MIN_REQUEST_DATA_RATE),
                        config.getInt(MAX_CONCURRENT_REQUESTS),
                        maxQueuedRequests,
                        config.getDuration(MAX_QUEUE_WAIT),
                        config.getInt(MAX_BUFFERED_BODY_BYTES)));
    }

    /**
     * The Glue endpoint URL session drivers are given ({@link #ADVERTISED_ENDPOINT}); empty means the bound one.
     *
     * @throws EpoxyException {@code INVALID_INPUT} for a value that is not an http(s) URL with a host
     */
    public static Optional<URI> advertisedEndpoint(EpoxyConfig config) {
        Optional<String> advertised = config.find(ADVERTISED_ENDPOINT);
        if (advertised.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(advertised.get());
        }
        catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid %s: %s (expected http://host:port or https://host:port)",
                    ADVERTISED_ENDPOINT.name(), advertised.get());
        }
        return Optional.of(uri);
    }

    /** The ARNs of this server's region and account. @throws EpoxyException {@code INVALID_INPUT} for ones no ARN can hold */
    public GlueArns arns() {
        return new GlueArns(region, accountId);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(value, bindAddress, allowedHosts, region, accountId, requestLimits);
    }

    public ServerConfig withBindAddress(String value) {
        return new ServerConfig(port, value, allowedHosts, region, accountId, requestLimits);
    }

    public ServerConfig withAllowedHosts(List<String> value) {
        return new ServerConfig(port, bindAddress, value, region, accountId, requestLimits);
    }

    public ServerConfig withRegion(String value) {
        return new ServerConfig(port, bindAddress, allowedHosts, value, accountId, requestLimits);
    }

    public ServerConfig withAccountId(String value) {
        return new ServerConfig(port, bindAddress, allowedHosts, region, value, requestLimits);
    }

    public ServerConfig withRequestLimits(RequestLimits value) {
        return new ServerConfig(port, bindAddress, allowedHosts, region, accountId, value);
    }
}
