package dev.epoxy.server.driver;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The session DefaultArguments a driver honours:
 *
 * <ul>
 *   <li>{@code --conf k=v --conf k2=v2} (what the Glue kernel's {@code %spark_conf} sends): Spark confs
 *   <li>{@code --extra-jars a.jar,b.jar}: added to {@code spark.jars}
 *   <li>{@code --extra-py-files a.py,b.zip}: added to {@code spark.submit.pyFiles} (on the interpreter's path)
 *   <li>{@code --session-language}: {@code python} or {@code scala}, parsed by {@code SessionSpec.language()}
 *   <li>{@code --enable-glue-datacatalog} (any value but {@code false}; the Glue kernel always sends {@code true}):
 *       Spark's session catalog is the Glue Data Catalog, reached through the Glue API
 *       ({@code spark.sql.catalog.spark_catalog} and an entry in {@code spark.sql.extensions}); without it,
 *       sessions keep Spark's in-memory catalog, as on AWS. A session catalog set with {@code --conf} wins.
 * </ul>
 *
 * Other Glue arguments ({@code --job-language}, …) are accepted and ignored.
 */
public final class GlueArguments {
    /** The argument that makes the Glue Data Catalog Spark's catalog. */
    public static final String ENABLE_GLUE_DATA_CATALOG = "--enable-glue-datacatalog";
    static final String EXTRA_PY_FILES = "--extra-py-files";
    // Class names only: the server never links the driver-side catalog (epoxy-spark-catalog).
    static final String SESSION_CATALOG_CONF = "spark.sql.catalog.spark_catalog";
    static final String SESSION_CATALOG_CLASS = "dev.epoxy.spark.catalog.sql.GlueSessionCatalog";
    static final String EXTENSIONS_CONF = "spark.sql.extensions";
    static final String EXTENSIONS_CLASS = "dev.epoxy.spark.catalog.sql.GlueCatalogExtensions";

    /** Spark sizes ({@code JavaUtils.byteStringAsBytes}): a whole number with an optional unit. */
    private static final Pattern SPARK_SIZE = Pattern.compile("[0-9]+([kmgtp]b?|b)?", Pattern.CASE_INSENSITIVE);
    /** Confs that Spark reads as sizes before the driver can report anything: a bad one stops spark-submit or the JVM. */
    private static final List<String> SIZE_CONFS = List.of("spark.driver.memory", "spark.executor.memory", "spark.driver.memoryOverhead",
            "spark.executor.memoryOverhead", "spark.driver.maxResultSize");

    private GlueArguments() {}

    /**
     * Checks what would stop a session's driver from starting and can be seen before it starts, so that
     * CreateSession refuses it naming the culprit (the Glue kernel prints that message verbatim, while a
     * session that FAILED later shows only its status there).
     *
     * @throws EpoxyException {@code INVALID_INPUT} for a {@code --conf} entry that is not {@code key=value},
     *     or a size conf (such as {@code spark.driver.memory}) that is not a Spark size
     */
    public static void checkLaunchable(Map<String, String> defaultArguments) {
        Map<String, String> conf = sparkConf(defaultArguments);
        for (String key : SIZE_CONFS) {
            String value = conf.get(key);
            if (value != null && !SPARK_SIZE.matcher(value).matches()) {
                throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid --conf %s=%s in DefaultArguments: expected a size such as 512m or 2g", key, value);
            }
        }
    }

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
        appendList(conf, "spark.submit.pyFiles", defaultArguments.get(EXTRA_PY_FILES));
        if (glueDataCatalogEnabled(defaultArguments)) {
            conf.putIfAbsent(SESSION_CATALOG_CONF, SESSION_CATALOG_CLASS);
            appendList(conf, EXTENSIONS_CONF, EXTENSIONS_CLASS);
        }
        return conf;
    }

    /** Whether {@code --enable-glue-datacatalog} is given with a value other than {@code false}. */
    public static boolean glueDataCatalogEnabled(Map<String, String> defaultArguments) {
        String value = defaultArguments.get(ENABLE_GLUE_DATA_CATALOG);
        return value != null && !value.strip().equalsIgnoreCase("false");
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
