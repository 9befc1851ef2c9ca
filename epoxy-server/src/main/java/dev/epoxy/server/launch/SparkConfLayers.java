package dev.epoxy.server.launch;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Spark confs of one launch (session driver, crawl, job run), from its sources, merged with one set
 * of precedence rules (pinned by {@code TestSparkConfLayers}):
 *
 * <ol>
 *   <li>{@code defaults}: what Epoxy chooses (loopback addresses, worker-type resources, the local
 *       storage default, the Spark UI guard, the interpreter, the dist's jars on the class path);
 *   <li>{@code server}: the server's confs ({@code epoxy.session.spark-conf}, the storage setting, the
 *       Glue endpoint): they replace any default, the guarded keys included;
 *   <li>{@code user}: the session's or job's {@code --conf} (and what its arguments turn into confs):
 *       they replace what comes before, except that {@code spark.jars}, {@code spark.submit.pyFiles}
 *       and {@code spark.sql.extensions} are appended to with {@code ,} and
 *       {@code spark.driver.extraClassPath} with the path separator (an empty value removes nothing), while {@code spark.epoxy.*} and
 *       the {@code guarded} keys are refused (listed in {@link Merged#refusedKeys()});
 *   <li>{@code epoxy}: the launch's own {@code spark.epoxy.*} settings (ids, link address, files),
 *       which nothing replaces.
 * </ol>
 *
 * Pure: no I/O.
 */
public record SparkConfLayers(
        Map<String, String> defaults,
        Map<String, String> server,
        Map<String, String> user,
        Map<String, String> epoxy,
        Predicate<String> guarded) {

    /** Lists a user's entries are added to rather than replaced, with the separator each uses. */
    static final Map<String, String> APPENDED_KEYS = Map.of(
            "spark.jars", ",",
            "spark.submit.pyFiles", ",",
            "spark.sql.extensions", ",",
            "spark.driver.extraClassPath", File.pathSeparator);
    static final String EPOXY_PREFIX = "spark.epoxy.";

    public SparkConfLayers {
        defaults = ordered(defaults, "defaults");
        server = ordered(server, "server");
        user = ordered(user, "user");
        epoxy = ordered(epoxy, "epoxy");
        requireNonNull(guarded, "guarded is null");
    }

    /** No guarded keys besides {@code spark.epoxy.*}. */
    public static Predicate<String> noGuardedKeys() {
        return key -> false;
    }

    /** The keys in {@code keys} and those starting with one of {@code prefixes}. */
    public static Predicate<String> guardedKeys(Set<String> keys, Set<String> prefixes) {
        Set<String> exact = Set.copyOf(keys);
        List<String> starts = List.copyOf(prefixes);
        return key -> exact.contains(key) || starts.stream().anyMatch(key::startsWith);
    }

    /**
     * @param conf the merged confs, in the order their keys first appeared
     * @param refusedKeys the user's keys that were ignored ({@code spark.epoxy.*} or guarded), in order
     */
    public record Merged(Map<String, String> conf, List<String> refusedKeys) {
        public Merged {
            conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
            refusedKeys = List.copyOf(refusedKeys);
        }
    }

    public Merged merge() {
        Map<String, String> conf = new LinkedHashMap<>(defaults);
        conf.putAll(server);
        List<String> refused = new ArrayList<>();
        user.forEach((key, value) -> {
            if (key.startsWith(EPOXY_PREFIX) || guarded.test(key)) {
                refused.add(key);
                return;
            }
            String separator = APPENDED_KEYS.get(key);
            String existing = conf.get(key);
            if (separator != null && existing != null && !existing.isEmpty()) {
                // The dist's own entries stay: the runtime and the catalog need them whatever the user adds.
                conf.put(key, value.isEmpty() ? existing : existing + separator + value);
            }
            else {
                conf.put(key, value);
            }
        });
        conf.putAll(epoxy);
        return new Merged(conf, refused);
    }

    private static Map<String, String> ordered(Map<String, String> map, String name) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(map, name + " is null")));
    }
}
