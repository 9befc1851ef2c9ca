package dev.epoxy.server.config;

import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.server.config.ConfigKey.ValueType;
import java.util.List;

/** Keys of the session store, read into core's {@link StoreSettings}. */
public final class StoreConfigKeys {
    public static final ConfigKey JDBC_URL = ConfigKey.of("epoxy.store.jdbc-url", ValueType.STRING, "jdbc:h2:file:${epoxy.home}/db/epoxy",
            "JDBC URL of the session store: embedded H2 by default, or a PostgreSQL URL.");
    public static final ConfigKey USER = ConfigKey.optional("epoxy.store.user", ValueType.STRING,
            "Database user of the session store.");
    public static final ConfigKey PASSWORD = ConfigKey.secret("epoxy.store.password",
            "Database password of the session store; redacted in logs.");

    public static final List<ConfigKey> KEYS = List.of(JDBC_URL, USER, PASSWORD);

    private StoreConfigKeys() {}

    public static StoreSettings storeSettings(EpoxyConfig config) {
        return new StoreSettings(config.get(JDBC_URL), config.find(USER), config.find(PASSWORD), ServerConfig.from(config).arns());
    }
}
