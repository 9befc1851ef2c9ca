package dev.epoxy.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TestSparkConfLayers {
    private static final Predicate<String> UI_GUARD = SparkConfLayers.guardedKeys(Set.of("spark.ui.filters"), Set.of("spark.guard.param."));

    /** One precedence rule: the layers in, the merged confs and the refused user keys out. */
    record Rule(String name, Map<String, String> defaults, Map<String, String> server, Map<String, String> user, Map<String, String> epoxy,
            Map<String, String> expected, List<String> refused) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rule> rules() {
        return Stream.of(
                new Rule("server replaces a default", Map.of("spark.driver.memory", "2g"), Map.of("spark.driver.memory", "8g"), Map.of(), Map.of(),
                        Map.of("spark.driver.memory", "8g"), List.of()),
                new Rule("user replaces a default", Map.of("spark.driver.memory", "2g"), Map.of(), Map.of("spark.driver.memory", "4g"), Map.of(),
                        Map.of("spark.driver.memory", "4g"), List.of()),
                new Rule("user replaces the server", Map.of(), Map.of("spark.sql.shuffle.partitions", "8"), Map.of("spark.sql.shuffle.partitions", "2"), Map.of(),
                        Map.of("spark.sql.shuffle.partitions", "2"), List.of()),
                new Rule("server may change a guarded key", Map.of("spark.ui.filters", "Guard"), Map.of("spark.ui.filters", "Other"), Map.of(), Map.of(),
                        Map.of("spark.ui.filters", "Other"), List.of()),
                new Rule("user may not set a guarded key", Map.of("spark.ui.filters", "Guard"), Map.of(), ordered("spark.ui.filters", "None", "spark.guard.param.enabled", "false"),
                        Map.of(), Map.of("spark.ui.filters", "Guard"), List.of("spark.ui.filters", "spark.guard.param.enabled")),
                new Rule("user may not set spark.epoxy.*", Map.of(), Map.of("spark.epoxy.glue.endpoint", "http://server"), Map.of("spark.epoxy.glue.endpoint", "http://elsewhere"),
                        Map.of(), Map.of("spark.epoxy.glue.endpoint", "http://server"), List.of("spark.epoxy.glue.endpoint")),
                new Rule("user jars are appended", Map.of("spark.jars", "/dist/a.jar"), Map.of(), Map.of("spark.jars", "/u/b.jar"), Map.of(),
                        Map.of("spark.jars", "/dist/a.jar,/u/b.jar"), List.of()),
                new Rule("user jars after the server's", Map.of("spark.jars", "/dist/a.jar"), Map.of("spark.jars", "/srv/s.jar"), Map.of("spark.jars", "/u/b.jar"), Map.of(),
                        Map.of("spark.jars", "/srv/s.jar,/u/b.jar"), List.of()),
                new Rule("user jars alone", Map.of(), Map.of(), Map.of("spark.jars", "/u/b.jar"), Map.of(), Map.of("spark.jars", "/u/b.jar"), List.of()),
                new Rule("user class path is appended", Map.of("spark.driver.extraClassPath", "/dist/a.jar:/dist/b.jar"), Map.of(),
                        Map.of("spark.driver.extraClassPath", "/u/c.jar"), Map.of(), Map.of("spark.driver.extraClassPath", "/dist/a.jar:/dist/b.jar:/u/c.jar"), List.of()),
                new Rule("user py files are appended", Map.of(), Map.of("spark.submit.pyFiles", "/srv/lib.zip"), Map.of("spark.submit.pyFiles", "/u/m.py"), Map.of(),
                        Map.of("spark.submit.pyFiles", "/srv/lib.zip,/u/m.py"), List.of()),
                new Rule("user extensions are appended", Map.of(), Map.of("spark.sql.extensions", "io.delta.Ext"), Map.of("spark.sql.extensions", "dev.Glue"), Map.of(),
                        Map.of("spark.sql.extensions", "io.delta.Ext,dev.Glue"), List.of()),
                new Rule("an empty user list removes nothing", Map.of("spark.jars", "/dist/a.jar"), Map.of(), Map.of("spark.jars", ""), Map.of(),
                        Map.of("spark.jars", "/dist/a.jar"), List.of()),
                new Rule("epoxy settings replace everything", Map.of("spark.epoxy.session-id", "d"), Map.of("spark.epoxy.session-id", "s"), Map.of(),
                        Map.of("spark.epoxy.session-id", "s1"), Map.of("spark.epoxy.session-id", "s1"), List.of()),
                new Rule("other keys pass through from every layer", Map.of("spark.a", "1"), Map.of("spark.b", "2"), Map.of("spark.c", "3"), Map.of("spark.epoxy.d", "4"),
                        ordered("spark.a", "1", "spark.b", "2", "spark.c", "3", "spark.epoxy.d", "4"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void precedence(Rule rule) {
        SparkConfLayers.Merged merged = new SparkConfLayers(rule.defaults(), rule.server(), rule.user(), rule.epoxy(), UI_GUARD).merge();
        assertThat(merged.conf()).isEqualTo(rule.expected());
        assertThat(merged.refusedKeys()).isEqualTo(rule.refused());
    }

    @Test
    void keysKeepTheOrderTheyFirstAppearedIn() {
        SparkConfLayers.Merged merged = new SparkConfLayers(ordered("spark.z", "1", "spark.a", "2"), ordered("spark.m", "3", "spark.z", "4"), Map.of(), Map.of(),
                UI_GUARD).merge();
        assertThat(List.copyOf(merged.conf().keySet())).containsExactly("spark.z", "spark.a", "spark.m");
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
