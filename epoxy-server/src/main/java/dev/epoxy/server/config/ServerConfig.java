package dev.epoxy.server.config;

import static java.util.Objects.requireNonNull;

import dev.epoxy.server.config.ConfigKey.ValueType;
import java.util.List;

/**
 * Settings of the HTTP endpoint and the identity it presents.
 *
 * @param port the listener's port; 0 picks a free one (tests)
 * @param bindAddress the address the listener binds to; on a loopback address only loopback
 *     {@code Host} headers (and {@code allowedHosts}) are accepted
 * @param allowedHosts extra {@code Host} names accepted while bound to loopback
 * @param region the region in ARNs ({@code arn:aws:glue:<region>:<account>:session/<id>})
 * @param accountId the account in ARNs and in STS GetCallerIdentity
 */
public record ServerConfig(int port, String bindAddress, List<String> allowedHosts, String region, String accountId) {
    public static final ConfigKey PORT = ConfigKey.of("epoxy.server.port", ValueType.PORT, "9911",
            "Port of the Glue/STS HTTP endpoint.");
    public static final ConfigKey BIND_ADDRESS = ConfigKey.of("epoxy.server.bind-address", ValueType.STRING, "127.0.0.1",
            "Address the endpoint listens on. On a loopback address only requests whose Host is a loopback name are accepted.");
    public static final ConfigKey ALLOWED_HOSTS = ConfigKey.optional("epoxy.server.allowed-hosts", ValueType.LIST,
            "Comma-separated extra Host names (without port) accepted while bound to a loopback address.");
    public static final ConfigKey REGION = ConfigKey.of("epoxy.region", ValueType.STRING, "us-east-1",
            "Region reported in ARNs.");
    public static final ConfigKey ACCOUNT_ID = ConfigKey.of("epoxy.account-id", ValueType.STRING, "123456789012",
            "Account id reported in ARNs and by STS GetCallerIdentity.");

    public static final List<ConfigKey> KEYS = List.of(PORT, BIND_ADDRESS, ALLOWED_HOSTS, REGION, ACCOUNT_ID);

    public ServerConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        allowedHosts = List.copyOf(requireNonNull(allowedHosts, "allowedHosts is null"));
        requireNonNull(region, "region is null");
        requireNonNull(accountId, "accountId is null");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(9911, "127.0.0.1", List.of(), "us-east-1", "123456789012");
    }

    public static ServerConfig from(EpoxyConfig config) {
        return new ServerConfig(
                config.getInt(PORT),
                config.get(BIND_ADDRESS),
                config.getList(ALLOWED_HOSTS),
                config.get(REGION),
                config.get(ACCOUNT_ID));
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(value, bindAddress, allowedHosts, region, accountId);
    }

    public ServerConfig withBindAddress(String value) {
        return new ServerConfig(port, value, allowedHosts, region, accountId);
    }

    public ServerConfig withAllowedHosts(List<String> value) {
        return new ServerConfig(port, bindAddress, value, region, accountId);
    }

    public ServerConfig withRegion(String value) {
        return new ServerConfig(port, bindAddress, allowedHosts, value, accountId);
    }

    public ServerConfig withAccountId(String value) {
        return new ServerConfig(port, bindAddress, allowedHosts, region, value);
    }
}
