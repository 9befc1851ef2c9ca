package dev.epoxy.server.config;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's resolved {@code epoxy.*} settings, each with the source it came from. Load it with
 * {@link ConfigLoader}; read it through the typed records of each area ({@link ServerConfig#from},
 * {@link StoreConfigKeys#storeSettings}, {@link SessionConfigKeys#sessionConfig}).
 *
 * <p>Typed getters fail with {@code INVALID_INPUT} naming the key, the value's source and what was
 * expected. Values of secret keys never appear in messages or in {@link #describe()}.
 */
public final class EpoxyConfig {
    private static final String REDACTED = "****";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, ConfigKey> keys;
    private final Map<String, ResolvedValue> values;
    private final List<String> warnings;

    /** A value and where it came from, e.g. {@code environment variable EPOXY_SERVER_PORT}. */
    record ResolvedValue(String value, String source) {
        ResolvedValue {
            requireNonNull(value, "value is null");
            requireNonNull(source, "source is null");
        }
    }

    EpoxyConfig(Map<String, ConfigKey> keys, Map<String, ResolvedValue> values, List<String> warnings) {
        this.keys = Map.copyOf(keys);
        this.values = Map.copyOf(values);
        this.warnings = List.copyOf(warnings);
        for (Map.Entry<String, ResolvedValue> entry : values.entrySet()) {
            checkType(key(entry.getKey()), entry.getValue());
        }
    }

    /** What loading warned about (ignored environment variables, renamed keys), already logged; empty when nothing. */
    public List<String> warnings() {
        return warnings;
    }

    /** Where Epoxy keeps its state ({@code epoxy.home}). */
    public Path home() {
        return getPath(EpoxyKeys.HOME);
    }

    /** The value, or empty for an optional key that is not configured. */
    public Optional<String> find(ConfigKey key) {
        return Optional.ofNullable(values.get(key(key.name()).name())).map(ResolvedValue::value);
    }

    /** The value of a key that has a default or is configured. @throws EpoxyException {@code INVALID_INPUT} when absent */
    public String get(ConfigKey key) {
        return find(key).orElseThrow(() -> new EpoxyException(INVALID_INPUT, "Missing configuration: %s (environment variable %s)", key.name(), key.environmentVariable()));
    }

    public int getInt(ConfigKey key) {
        return parseInt(key, resolved(key));
    }

    public Duration getDuration(ConfigKey key) {
        return parseDuration(key, resolved(key));
    }

    public Path getPath(ConfigKey key) {
        return parsePath(key, resolved(key));
    }

    public boolean getBoolean(ConfigKey key) {
        return parseBoolean(key, resolved(key));
    }

    /** A comma-separated list, trimmed, without empty items; empty when the key is absent. */
    public List<String> getList(ConfigKey key) {
        return find(key).map(EpoxyConfig::splitList).orElse(List.of());
    }

    /** Where the key's value came from: {@code default}, a file, an environment variable, a system property or the command line. */
    public Optional<String> source(ConfigKey key) {
        return Optional.ofNullable(values.get(key.name())).map(ResolvedValue::source);
    }

    /** Every configured or defaulted key as {@code key=value (source)}, sorted, with secrets redacted. For the startup log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(values).forEach((name, resolved) -> {
            String value = keys.get(name).secret() ? REDACTED : resolved.value();
            lines.add(name + "=" + value + " (" + resolved.source() + ")");
        });
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return "EpoxyConfig" + describe();
    }

    private ConfigKey key(String name) {
        ConfigKey key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("Configuration key is not registered in EpoxyKeys: " + name);
        }
        return key;
    }

    private ResolvedValue resolved(ConfigKey key) {
        get(key);
        return values.get(key.name());
    }

    private static void checkType(ConfigKey key, ResolvedValue resolved) {
        switch (key.type()) {
            case STRING, LIST -> {}
            case INTEGER -> parseInt(key, resolved);
            case POSITIVE_INTEGER -> {
                if (parseInt(key, resolved) < 1) {
                    throw invalid(key, resolved, "a positive integer");
                }
            }
            case PORT -> {
                int port = parseInt(key, resolved);
                if (port < 0 || port > 65535) {
                    throw invalid(key, resolved, "a port number from 0 to 65535");
                }
            }
            case DURATION -> parseDuration(key, resolved);
            case PATH -> parsePath(key, resolved);
            case BOOLEAN -> parseBoolean(key, resolved);
        }
    }

    private static int parseInt(ConfigKey key, ResolvedValue resolved) {
        try {
            return Integer.parseInt(resolved.value().trim());
        }
        catch (NumberFormatException e) {
            throw invalid(key, resolved, "an integer");
        }
    }

    private static Duration parseDuration(ConfigKey key, ResolvedValue resolved) {
        String text = resolved.value().trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(text);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        else {
            try {
                duration = Duration.parse(resolved.value().trim());
            }
            catch (DateTimeParseException e) {
                throw invalid(key, resolved, "a duration such as 500ms, 30s, 5m, 2h, 1d or PT30S");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(key, resolved, "a positive duration");
        }
        return duration;
    }

    private static Path parsePath(ConfigKey key, ResolvedValue resolved) {
        try {
            return Path.of(resolved.value().trim());
        }
        catch (InvalidPathException e) {
            throw invalid(key, resolved, "a file system path");
        }
    }

    private static boolean parseBoolean(ConfigKey key, ResolvedValue resolved) {
        return switch (resolved.value().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, resolved, "true or false");
        };
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static EpoxyException invalid(ConfigKey key, ResolvedValue resolved, String expected) {
        String shown = key.secret() ? REDACTED : "'" + resolved.value() + "'";
        return new EpoxyException(INVALID_INPUT, "Invalid value %s for %s (from %s): expected %s", shown, key.name(), resolved.source(), expected);
    }
}
