package dev.epoxy.server.config;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.server.config.EpoxyConfig.ResolvedValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link EpoxyConfig} strictly from, lowest precedence first: defaults, {@code <home>/epoxy.properties},
 * environment variables ({@code EPOXY_SERVER_PORT}), system properties ({@code -Depoxy.server.port=…}) and
 * the command line ({@code --port N}, {@code --home DIR}, {@code --config key=value}).
 *
 * <p>An unknown {@code epoxy.*} key (in the file, a system property or {@code --config}), an unknown option
 * or a removed key stops startup with {@code INVALID_INPUT} naming it; a renamed key keeps working and logs a
 * warning. An unknown {@code EPOXY_*} environment variable only warns, naming the nearest known key: the
 * environment is shared with the user's other tools (a client script's {@code EPOXY_ENDPOINT}, say), so it
 * must not stop the server. {@code epoxy.home} cannot be set in the file that lives in it.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    public static final String PROPERTIES_FILE = "epoxy.properties";
    private static final String PREFIX = "epoxy.";
    private static final String ENVIRONMENT_PREFIX = "EPOXY_";
    private static final String USAGE = "--port N, --home DIR or --config key=value";

    private final Map<String, ConfigKey> keys;
    private final Map<String, LegacyKey> legacyKeys;
    private final Map<String, String> keyByEnvironmentVariable = new HashMap<>();

    public ConfigLoader(List<ConfigKey> keys, List<LegacyKey> legacyKeys) {
        this.keys = keys.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));
        this.legacyKeys = legacyKeys.stream().collect(Collectors.toUnmodifiableMap(LegacyKey::name, Function.identity()));
        for (String name : this.keys.keySet()) {
            keyByEnvironmentVariable.put(ConfigKey.environmentVariableOf(name), name);
        }
        for (String name : this.legacyKeys.keySet()) {
            keyByEnvironmentVariable.put(ConfigKey.environmentVariableOf(name), name);
        }
        if (!this.keys.containsKey(EpoxyKeys.HOME.name())) {
            throw new IllegalArgumentException("The keys must include " + EpoxyKeys.HOME.name());
        }
    }

    /** A loader for every key in {@link EpoxyKeys}. */
    public static ConfigLoader standard() {
        return new ConfigLoader(EpoxyKeys.all(), EpoxyKeys.legacy());
    }

    /** Loads with this process's environment and system properties. */
    public EpoxyConfig loadFromProcess(String... args) {
        Map<String, String> systemProperties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> systemProperties.put(name, System.getProperty(name)));
        return load(Arrays.asList(args), System.getenv(), systemProperties);
    }

    /**
     * @param systemProperties all system properties; only {@code epoxy.*} ones are read, plus {@code user.home}
     * @throws EpoxyException {@code INVALID_INPUT} naming the first unknown, removed or malformed setting
     */
    public EpoxyConfig load(List<String> args, Map<String, String> environment, Map<String, String> systemProperties) {
        Map<String, ResolvedValue> commandLine = parseCommandLine(args);
        List<String> warnings = new ArrayList<>();

        Map<String, ResolvedValue> fromEnvironment = new LinkedHashMap<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (variable.startsWith(ENVIRONMENT_PREFIX)) {
                String key = keyByEnvironmentVariable.get(variable);
                if (key == null) {
                    warnings.add(unknownEnvironmentVariable(variable));
                    return;
                }
                fromEnvironment.put(key, new ResolvedValue(value, "environment variable " + variable));
            }
        });

        Map<String, ResolvedValue> fromSystemProperties = new LinkedHashMap<>();
        new TreeMap<>(systemProperties).forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                fromSystemProperties.put(name, new ResolvedValue(value, "system property " + name));
            }
        });

        Map<String, ResolvedValue> values = new HashMap<>();
        String userHome = systemProperties.getOrDefault("user.home", System.getProperty("user.home"));
        ResolvedValue home = firstOf(EpoxyKeys.HOME.name(), commandLine, fromSystemProperties, fromEnvironment)
                .orElseGet(() -> new ResolvedValue(substitute(EpoxyKeys.HOME.defaultValue().orElseThrow(), userHome, ""), "default"));
        Path homePath = Path.of(home.value());

        Path file = homePath.resolve(PROPERTIES_FILE);
        for (Map.Entry<String, ResolvedValue> entry : readPropertiesFile(file).entrySet()) {
            if (canonicalName(entry.getKey(), entry.getValue(), new ArrayList<>()).equals(EpoxyKeys.HOME.name())) {
                throw new EpoxyException(INVALID_INPUT, "%s cannot be set in %s: that file is read from %s; use --home or EPOXY_HOME", EpoxyKeys.HOME.name(), file, EpoxyKeys.HOME.name());
            }
            apply(values, entry.getKey(), entry.getValue(), warnings);
        }
        fromEnvironment.forEach((name, value) -> apply(values, name, value, warnings));
        fromSystemProperties.forEach((name, value) -> apply(values, name, value, warnings));
        commandLine.forEach((name, value) -> apply(values, name, value, warnings));
        values.put(EpoxyKeys.HOME.name(), home);

        for (ConfigKey key : keys.values()) {
            if (!values.containsKey(key.name()) && key.defaultValue().isPresent()) {
                values.put(key.name(), new ResolvedValue(substitute(key.defaultValue().get(), userHome, home.value()), "default"));
            }
        }
        warnings.forEach(LOG::warn);
        return new EpoxyConfig(keys, values, warnings);
    }

    private void apply(Map<String, ResolvedValue> values, String name, ResolvedValue value, List<String> warnings) {
        values.put(canonicalName(name, value, warnings), value);
    }

    private String unknownEnvironmentVariable(String variable) {
        String nearest = keyByEnvironmentVariable.keySet().stream()
                .min(Comparator.comparingInt((String known) -> editDistance(variable, known)).thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
        return String.format("Ignoring environment variable %s: no epoxy.* key maps to it; the nearest is %s (%s), see docs/configuration.md",
                variable, keyByEnvironmentVariable.get(nearest), nearest);
    }

    /** Levenshtein distance, for naming the key a misspelt variable most likely meant. */
    static int editDistance(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }

    /** The current name of a key, following renames; fails on unknown and removed keys. */
    private String canonicalName(String name, ResolvedValue value, List<String> warnings) {
        if (keys.containsKey(name)) {
            return name;
        }
        LegacyKey legacy = legacyKeys.get(name);
        if (legacy == null) {
            throw new EpoxyException(INVALID_INPUT, "Unknown configuration key %s (from %s); see docs/configuration.md for the known keys", name, value.source());
        }
        if (legacy.removalNote().isPresent()) {
            throw new EpoxyException(INVALID_INPUT, "Configuration key %s (from %s) was removed: %s", name, value.source(), legacy.removalNote().get());
        }
        String replacement = legacy.replacement().orElseThrow();
        warnings.add(String.format("Configuration key %s (from %s) is deprecated; use %s instead", name, value.source(), replacement));
        return replacement;
    }

    private Map<String, ResolvedValue> readPropertiesFile(Path file) {
        Map<String, ResolvedValue> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw new EpoxyException(INVALID_INPUT, e, "Cannot read configuration file %s: %s", file, e.getMessage());
        }
        new TreeMap<>(properties).forEach((name, value) -> values.put(name.toString(), new ResolvedValue(value.toString().trim(), file.toString())));
        return values;
    }

    private static Map<String, ResolvedValue> parseCommandLine(List<String> args) {
        Map<String, ResolvedValue> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = requireNonNull(args.get(i), "argument is null");
            String option = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                option = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!option.equals("--port") && !option.equals("--home") && !option.equals("--config")) {
                throw new EpoxyException(INVALID_INPUT, "Unknown command-line option: %s (expected %s)", arg, USAGE);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new EpoxyException(INVALID_INPUT, "Command-line option %s needs a value", option);
                }
                value = args.get(++i);
            }
            switch (option) {
                case "--port" -> values.put(ServerConfig.PORT.name(), new ResolvedValue(value, "command line --port"));
                case "--home" -> values.put(EpoxyKeys.HOME.name(), new ResolvedValue(value, "command line --home"));
                default -> {
                    int separator = value.indexOf('=');
                    if (separator <= 0) {
                        throw new EpoxyException(INVALID_INPUT, "Command-line option --config needs key=value, got: %s", value);
                    }
                    String key = value.substring(0, separator).trim();
                    values.put(key, new ResolvedValue(value.substring(separator + 1), "command line --config " + key));
                }
            }
        }
        return values;
    }

    @SafeVarargs
    private static Optional<ResolvedValue> firstOf(String name, Map<String, ResolvedValue>... sources) {
        for (Map<String, ResolvedValue> source : sources) {
            if (source.containsKey(name)) {
                return Optional.of(source.get(name));
            }
        }
        return Optional.empty();
    }

    private static String substitute(String template, String userHome, String epoxyHome) {
        return template.replace("${user.home}", userHome).replace("${epoxy.home}", epoxyHome);
    }
}
