package dev.epoxy.glue.bookmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.bookmark.JdbcBookmark.SortOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestJdbcBookmark {
    @Test
    void firstRunHasNoCondition() {
        assertThat(JdbcBookmark.initial(List.of("id"), SortOrder.ASC).whereClause()).isEmpty();
    }

    @Test
    void ascendingKeysReadTheRowsAfterTheLastTuple() {
        JdbcBookmark bookmark = new JdbcBookmark(List.of("updated_at", "id"), SortOrder.ASC,
                Optional.of(List.of("2026-12-01 10:00:00", 42L)));
        assertThat(bookmark.whereClause())
                .contains("(updated_at > '2026-12-01 10:00:00') OR (updated_at = '2026-12-01 10:00:00' AND id > 42)");
        assertThat(bookmark.orderBy()).isEqualTo("updated_at ASC, id ASC");
    }

    @Test
    void descendingKeysReadTheRowsBelowTheLastValueAndQuoteStrings() {
        JdbcBookmark bookmark = new JdbcBookmark(List.of("name"), SortOrder.fromOption("DESC"), Optional.of(List.of("o'neil")));
        assertThat(bookmark.whereClause()).contains("(name < 'o''neil')");
        assertThat(bookmark.orderBy()).isEqualTo("name DESC");
    }

    @Test
    void advancingKeepsTheLaterTupleInKeyOrder() {
        JdbcBookmark ascending = JdbcBookmark.initial(List.of("a", "b"), SortOrder.ASC)
                .advancedTo(List.of(1L, 5L))
                .advancedTo(List.of(2L, 1L))
                .advancedTo(List.of(1L, 9L))
                .advancedTo(List.of(2L, 0L));
        assertThat(ascending.lastValues()).contains(List.of(2L, 1L));
        JdbcBookmark descending = JdbcBookmark.initial(List.of("a"), SortOrder.DESC)
                .advancedTo(List.of(10L))
                .advancedTo(List.of(new java.math.BigDecimal("3.5")))
                .advancedTo(List.of(7L));
        assertThat(descending.lastValues()).contains(List.of(new java.math.BigDecimal("3.5")));
    }

    @Test
    void badKeysOrdersAndValuesAreErrorsNamingThem() {
        assertThatThrownBy(() -> JdbcBookmark.initial(List.of("id; drop table t"), SortOrder.ASC))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Invalid jobBookmarkKeys column: id; drop table t; use a plain column name");
        assertThatThrownBy(() -> JdbcBookmark.initial(List.of(), SortOrder.ASC))
                .hasMessage("jobBookmarkKeys must name at least one column");
        assertThatThrownBy(() -> SortOrder.fromOption("up"))
                .hasMessage("Invalid jobBookmarkKeysSortOrder: up; use asc or desc");
        assertThatThrownBy(() -> JdbcBookmark.initial(List.of("a"), SortOrder.ASC).advancedTo(List.of(1L, 2L)))
                .hasMessage("A JDBC bookmark on [a] needs 1 values, got [1, 2]");
        assertThatThrownBy(() -> JdbcBookmark.initial(List.of("a"), SortOrder.ASC).advancedTo(List.of(1L)).advancedTo(List.of("x")))
                .hasMessage("Cannot compare bookmark values of key a: x and 1");
    }
}
