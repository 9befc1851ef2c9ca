package dev.epoxy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestGlueSessionVersions {
    @Test
    void everySessionVersionFromTwoToFiveOneIsAccepted() {
        for (String version : new String[] {"2.0", "3.0", "4.0", "5.0", "5.1"}) {
            assertThat(GlueSessionVersions.check(version)).isEqualTo(version);
        }
        assertThatThrownBy(() -> GlueSessionVersions.check("1.0")).hasMessageContaining("need Glue 2.0 or later");
        assertThatThrownBy(() -> GlueSessionVersions.check("4.5")).hasMessageContaining("Invalid GlueVersion: 4.5");
    }

    @Test
    void onlyVersionsOfAnotherSparkMinorGetANotice() {
        assertThat(GlueSessionVersions.notice("4.0")).contains("Note: Glue 4.0 runs Spark 3.3.0 on AWS; this Epoxy session runs Spark 3.5.6 (Glue 5.1's runtime).");
        assertThat(GlueSessionVersions.notice("2.0")).get().asString().contains("Spark 2.4.3");
        assertThat(GlueSessionVersions.notice("5.0")).isEmpty();
        assertThat(GlueSessionVersions.notice("5.1")).isEmpty();
    }

    @Test
    void epoxySparkIsTheSparkTheBuildPins() throws Exception {
        Matcher pinned = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(pinned.find()).isTrue();
        assertThat(GlueSessionVersions.EPOXY_SPARK).isEqualTo(pinned.group(1));
    }
}
