package dev.epoxy.server.driver;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The session DefaultArguments a driver honours:
 *
 * <ul>
 *   <li>{@code --conf k=v --conf k2=v2} (what the Glue kernel's {@code %spark_conf} sends): Spark confs
 *   <li>{@code --extra-jars a.jar,b.jar}: added to {@code spark.jars}
 *   <li>{@code --extra-py-files a.py,b.zip}: added to {@code spark.submit.pyFiles} (on the interpreter's path)
 *   <li>{@code --session-language}: only {@code python} runs statements for now
 * </ul>
 *
 * Other Glue arguments ({@code --enable-glue-datacatalog}, {@code --job-language}, …) are accepted and
 * ignored.
 */
public final class GlueArguments {
    private GlueArguments() {}

    /**
     * Spark confs from the arguments, in the order given.
     *
     * @throws EpoxyException {@code INVALID_INPUT} when a {@code --conf} entry is not {@code key=value}
     */
    public static Map<String, String> sparkConf(Map<String, String> defaultArguments) {
        Map<String, String> conf = new LinkedHashMap<>();
        String confArgument = defaultArguments.get("--conf");
        if (confArgument != null && !confArgument.isBlank()) {
            for (String entry : confArgument.strip().split("\\s+--conf\\s+")) {
                String setting = entry.strip();
                int equals = setting.indexOf('=');
                if (equals <= 0) {
                    throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid --conf in DefaultArguments (expected key=value): %s", setting);
                }
                conf.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
            }
        }
        appendList(conf, "spark.jars", defaultArguments.get("--extra-jars"));
        appendList(conf, "spark.submit.pyFiles", defaultArguments.get("--extra-py-files"));
        return conf;
    }

    /** {@code --session-language}, {@code python} when absent. */
    public static String sessionLanguage(Map<String, String> defaultArguments) {
        return defaultArguments.getOrDefault("--session-language", "python").strip().toLowerCase(Locale.ROOT);
    }

    private static void appendList(Map<String, String> conf, String key, String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return;
        }
        List<String> entries = Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
        String existing = conf.get(key);
        String joined = entries.stream().collect(Collectors.joining(","));
        conf.put(key, existing == null || existing.isEmpty() ? joined : existing + "," + joined);
    }
}
