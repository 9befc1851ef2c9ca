package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestJdbcIncludePath {
    @Test
    void percentMatchesAnyRunOfCharactersWithinOneName() {
        JdbcIncludePath all = JdbcIncludePath.parse("epoxy/public/%", JdbcEngine.POSTGRESQL);
        assertThat(all.matches(List.of("epoxy", "public", "orders"))).isTrue();
        assertThat(all.matches(List.of("epoxy", "sales", "orders"))).isFalse();
        assertThat(all.matches(List.of("other", "public", "orders"))).isFalse();

        JdbcIncludePath prefixed = JdbcIncludePath.parse("epoxy/public/ord%s", JdbcEngine.POSTGRESQL);
        assertThat(prefixed.matches(List.of("epoxy", "public", "orders"))).isTrue();
        assertThat(prefixed.matches(List.of("epoxy", "public", "ords"))).isTrue();
        assertThat(prefixed.matches(List.of("epoxy", "public", "orders_old"))).isFalse();
    }

    @Test
    void underscoreAndRegexCharactersAreLiteral() {
        // In DatabaseMetaData's LIKE patterns '_' is a wildcard; in an include path it is a character of the name.
        JdbcIncludePath path = JdbcIncludePath.parse("shop/order_items", JdbcEngine.MYSQL);
        assertThat(path.matches(List.of("shop", "order_items"))).isTrue();
        assertThat(path.matches(List.of("shop", "orderXitems"))).isFalse();
        JdbcIncludePath dots = JdbcIncludePath.parse("shop/a.b%", JdbcEngine.MYSQL);
        assertThat(dots.matches(List.of("shop", "a.bc"))).isTrue();
        assertThat(dots.matches(List.of("shop", "axbc"))).isFalse();
    }

    @Test
    void aShortPathTakesEverythingBelowIt() {
        JdbcIncludePath database = JdbcIncludePath.parse("epoxy/%", JdbcEngine.POSTGRESQL);
        assertThat(database.segment(1)).isEqualTo("%");
        assertThat(database.segment(2)).isEqualTo("%");
        assertThat(database.matches(List.of("epoxy", "sales", "orders"))).isTrue();
        assertThat(JdbcIncludePath.parse("/shop/", JdbcEngine.MYSQL).matches(List.of("shop", "anything"))).isTrue();
        assertThat(database.matches(List.of("epoxy", "orders"))).as("a path of another depth").isFalse();
    }

    @Test
    void theRelativePathIsWhatTheWildcardsMatched() {
        assertThat(JdbcIncludePath.parse("epoxy/public/%", JdbcEngine.POSTGRESQL).relative(List.of("epoxy", "public", "tmp_x"))).isEqualTo("tmp_x");
        assertThat(JdbcIncludePath.parse("epoxy/%", JdbcEngine.POSTGRESQL).relative(List.of("epoxy", "public", "tmp_x"))).isEqualTo("public/tmp_x");
        assertThat(JdbcIncludePath.parse("shop/orders", JdbcEngine.MYSQL).relative(List.of("shop", "orders"))).isEmpty();
    }

    @Test
    void badPathsAreRefusedByName() {
        assertThatThrownBy(() -> JdbcIncludePath.parse("%/public/%", JdbcEngine.POSTGRESQL))
                .isInstanceOf(CrawlException.class)
                .hasMessage("Invalid JdbcTarget Path %/public/%: it must start with a database name (database/schema/table, % a wildcard below the database)");
        assertThatThrownBy(() -> JdbcIncludePath.parse("shop/x/orders", JdbcEngine.MYSQL))
                .hasMessage("Invalid JdbcTarget Path shop/x/orders: a mysql path is database/table, at most 2 names");
        assertThatThrownBy(() -> JdbcIncludePath.parse("epoxy//orders", JdbcEngine.POSTGRESQL))
                .hasMessage("Invalid JdbcTarget Path epoxy//orders: empty name between slashes (database/schema/table)");
        assertThatThrownBy(() -> JdbcIncludePath.parse(" ", JdbcEngine.MYSQL)).hasMessageStartingWith("Invalid JdbcTarget Path  : it must start with a database name");
    }

    @Test
    void exclusionsMatchTheRelativePathOrTheWholePath() {
        JdbcIncludePath path = JdbcIncludePath.parse("epoxy/public/%", JdbcEngine.POSTGRESQL);
        Exclusions exclusions = Exclusions.of(List.of("tmp_*", "epoxy/public/old_*"));
        List<String> tmp = List.of("epoxy", "public", "tmp_orders");
        List<String> old = List.of("epoxy", "public", "old_orders");
        List<String> kept = List.of("epoxy", "public", "orders");
        assertThat(exclusions.excludes(path.relative(tmp))).isTrue();
        assertThat(exclusions.excludes(path.relative(old)) || exclusions.excludes(String.join("/", old))).isTrue();
        assertThat(exclusions.excludes(path.relative(kept)) || exclusions.excludes(String.join("/", kept))).isFalse();
    }
}
