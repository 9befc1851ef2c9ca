package dev.epoxy.server.config;

import dev.epoxy.server.config.ConfigKey.ValueType;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every configuration key the server knows. Each area declares its keys next to its typed config and
 * adds one line to {@link #all()}; a key missing here is rejected as unknown at startup. Every key also
 * needs a row in docs/configuration.md ({@code TestEpoxyConfig} checks both).
 */
public final class EpoxyKeys {
    public static final ConfigKey HOME = ConfigKey.of("epoxy.home", ValueType.PATH, "${user.home}/.epoxy",
            "Directory where Epoxy keeps its state (database, logs, s3 data) and reads epoxy.properties from.");

    private EpoxyKeys() {}

    /** All keys, one line per area. */
    public static List<ConfigKey> all() {
        return Stream.of(
                        List.of(HOME),
                        ServerConfig.KEYS,
                        StoreConfigKeys.KEYS,
                        SessionConfigKeys.KEYS,
                        CrawlerConfigKeys.KEYS,
                        JobConfigKeys.KEYS,
                        DriverConfigKeys.KEYS,
                        StorageConfigKeys.KEYS)
                .flatMap(List::stream)
                .toList();
    }

    /** Keys that were renamed or removed, oldest first. */
    public static List<LegacyKey> legacy() {
        return List.of();
    }
}
