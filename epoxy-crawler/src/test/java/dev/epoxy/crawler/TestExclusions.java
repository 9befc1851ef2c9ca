package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of Glue's documentation on exclude patterns. */
class TestExclusions {
    @Test
    void singleStarStaysInOneLevel() {
        Exclusions exclusions = Exclusions.of(List.of("*.csv"));
        assertThat(exclusions.excludes("a.csv")).isTrue();
        assertThat(exclusions.excludes("year=2026/a.csv")).isFalse();
    }

    @Test
    void doubleStarCrossesLevels() {
        Exclusions exclusions = Exclusions.of(List.of("**.csv"));
        assertThat(exclusions.excludes("year=2026/month=01/a.csv")).isTrue();
        assertThat(exclusions.excludes("year=2026/month=01/a.json")).isFalse();
    }

    @Test
    void folderPatternsExcludeTheFolder() {
        Exclusions exclusions = Exclusions.of(List.of("year=2025*", "tmp/**"));
        assertThat(exclusions.excludes("year=2025")).isTrue();
        assertThat(exclusions.excludes("year=2026")).isFalse();
        assertThat(exclusions.excludes("tmp/x/y.json")).isTrue();
    }

    @Test
    void bracesAndClasses() {
        Exclusions exclusions = Exclusions.of(List.of("**.{txt,log}", "part-[0-4].json"));
        assertThat(exclusions.excludes("a/b.log")).isTrue();
        assertThat(exclusions.excludes("part-3.json")).isTrue();
        assertThat(exclusions.excludes("part-7.json")).isFalse();
    }

    @Test
    void invalidPatternIsNamed() {
        assertThatThrownBy(() -> Exclusions.of(List.of("{a,b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid exclusion pattern {a,b");
    }
}
