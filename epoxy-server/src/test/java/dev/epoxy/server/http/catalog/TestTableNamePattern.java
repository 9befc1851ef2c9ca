package dev.epoxy.server.http.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

final class TestTableNamePattern {
    private static final List<String> NAMES = List.of("raw_orders", "raw", "orders", "clean_orders", "rawdata", "ra");

    @Test
    void hiveStarsAreWildcards() {
        assertThat(matching("raw*")).containsExactly("raw_orders", "raw", "rawdata");
        assertThat(matching("*orders")).containsExactly("raw_orders", "orders", "clean_orders");
        assertThat(matching("*")).containsExactlyElementsOf(NAMES);
    }

    @Test
    void regularExpressionsMatchWholeNames() {
        assertThat(matching("raw.*")).containsExactly("raw_orders", "raw", "rawdata");
        assertThat(matching("ra")).containsExactly("ra");
        assertThat(matching("r[a]w_.+")).containsExactly("raw_orders");
        assertThat(matching("(raw)*_orders|orders")).containsExactly("raw_orders", "orders");
        assertThat(matching("raw\\*")).isEmpty();
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(matching("RAW_ORDERS")).containsExactly("raw_orders");
    }

    private static List<String> matching(String expression) {
        Predicate<String> pattern = TableNamePattern.of(expression);
        return NAMES.stream().filter(pattern).toList();
    }
}
