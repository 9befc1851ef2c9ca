package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TestSchemaSimilarity {
    private static Set<String> columns(String spaced) {
        return spaced.isBlank() ? Set.of() : Set.of(spaced.trim().split(" +"));
    }

    @ParameterizedTest(name = "[{0}] vs [{1}] similar: {2}")
    @CsvSource({
            // same columns
            "a b,                 a b,                 true",
            // one contains the other: columns added or dropped over time
            "a b,                 a b c d,             true",
            "a b c d,             b c,                 true",
            // an empty schema is contained in every schema
            "'',                  a,                   true",
            // nothing in common (Glue's own example: A,B next to C,D)
            "a b,                 c d,                 false",
            // Jaccard 7/9 = 0.78
            "a b c d e f g h,     a b c d e f g x,     true",
            // Jaccard 7/10 = 0.70, on the threshold
            "a b c d e f g h i,   a b c d e f g x,     true",
            // Jaccard 7/11 = 0.64
            "a b c d e f g h i j, a b c d e f g x,     false",
            // Jaccard 2/4 = 0.5
            "a b c,               a b d,               false",
            // Jaccard 1/3
            "id label,            id score,            false",
    })
    void similarColumnSets(String first, String second, boolean similar) {
        assertThat(SchemaSimilarity.similar(columns(first), columns(second))).isEqualTo(similar);
        assertThat(SchemaSimilarity.similar(columns(second), columns(first))).isEqualTo(similar);
    }

    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of(List.of(), false),
                Arguments.of(List.of("a"), true),
                Arguments.of(List.of("a b", "c d"), false),
                // two of three alike: a strict majority
                Arguments.of(List.of("a b", "a b", "c d"), true),
                // two and two: no strict majority
                Arguments.of(List.of("a b", "a b", "c d", "c d"), false),
                // linked through containment, though the first and last differ a lot
                Arguments.of(List.of("a b", "a b c", "a b c d e f"), true),
                Arguments.of(List.of("a", "b", "c"), false),
                // the odd one counts toward the total: 3 of 5 alike
                Arguments.of(List.of("x y", "a b", "a b", "p q", "a b"), true));
    }

    @ParameterizedTest(name = "{0} mostly similar: {1}")
    @MethodSource("levels")
    void mostlySimilarFolders(List<String> folders, boolean expected) {
        List<Set<String>> schemas = folders.stream().map(TestSchemaSimilarity::columns).toList();
        assertThat(SchemaSimilarity.mostlySimilar(schemas)).isEqualTo(expected);
        List<Set<String>> reversed = new ArrayList<>(schemas);
        Collections.reverse(reversed);
        assertThat(SchemaSimilarity.mostlySimilar(reversed)).as("order does not matter").isEqualTo(expected);
    }
}
