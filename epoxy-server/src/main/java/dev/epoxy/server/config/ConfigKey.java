package dev.epoxy.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * One {@code epoxy.*} setting: its name, value type, default and meaning. Areas declare their keys as
 * constants and list them in {@link EpoxyKeys}.
 *
 * @param defaultValue the default; it may refer to {@code ${epoxy.home}} and {@code ${user.home}}.
 *     Empty means the setting is optional and absent unless configured.
 * @param secret whether the value is redacted wherever configuration is printed
 */
public record ConfigKey(String name, ValueType type, Optional<String> defaultValue, String description, boolean secret) {
    /** What a value must look like; checked when the configuration loads. Durations must be positive. */
    public enum ValueType {
        STRING,
        INTEGER,
        POSITIVE_INTEGER,
        PORT,
        DURATION,
        PATH,
        LIST,
        BOOLEAN
    }

    public ConfigKey {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(description, "description is null");
        if (!name.matches("epoxy(\\.[a-z0-9]+(-[a-z0-9]+)*)+")) {
            throw new IllegalArgumentException("Configuration keys are lowercase hyphenated words under epoxy.: " + name);
        }
    }

    /** A setting with a default. */
    public static ConfigKey of(String name, ValueType type, String defaultValue, String description) {
        return new ConfigKey(name, type, Optional.of(defaultValue), description, false);
    }

    /** A setting that is absent unless configured. */
    public static ConfigKey optional(String name, ValueType type, String description) {
        return new ConfigKey(name, type, Optional.empty(), description, false);
    }

    /** An optional setting whose value never appears in logs or output. */
    public static ConfigKey secret(String name, String description) {
        return new ConfigKey(name, ValueType.STRING, Optional.empty(), description, true);
    }

    /** The environment variable that sets this key: {@code epoxy.server.port} → {@code EPOXY_SERVER_PORT}. */
    public String environmentVariable() {
        return environmentVariableOf(name);
    }

    static String environmentVariableOf(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
