package dev.epoxy.core.catalog.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestPartitionExpression {
    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey("Year", "string"),
            new PartitionKey("month", "int"),
            new PartitionKey("day", "date"),
            new PartitionKey("price", "decimal(10,2)"),
            new PartitionKey("at", "timestamp"),
            new PartitionKey("flag", "boolean"));

    private static boolean matches(String expression, String... values) {
        return PartitionExpression.parse(expression).bind(KEYS).test(List.of(values));
    }

    private static boolean matches(String expression) {
        return matches(expression, "2026", "2", "2026-02-01", "12.50", "2026-02-01 10:30:00", "true");
    }

    @Test
    void comparesStringKeysAsText() {
        assertThat(matches("year = '2026'")).isTrue();
        assertThat(matches("year = 2026")).isTrue();
        assertThat(matches("year <> '2026'")).isFalse();
        assertThat(matches("year != '2025'")).isTrue();
        assertThat(matches("year > '2025'")).isTrue();
        assertThat(matches("year < '2025'")).isFalse();
        assertThat(matches("year >= '2026'")).isTrue();
        assertThat(matches("year <= '2026'")).isTrue();
        // text order, not numeric: '2026' > '10000'
        assertThat(matches("year > '10000'")).isTrue();
    }

    @Test
    void comparesIntegerKeysNumericallyEvenWithQuotedLiterals() {
        assertThat(matches("month = '2'")).isTrue();
        assertThat(matches("month = '02'")).isTrue();
        assertThat(matches("month < '10'")).isTrue();
        assertThat(matches("month < 10")).isTrue();
        assertThat(matches("month > 1.5")).isTrue();
        assertThat(matches("month < 10", "2026", "11", "2026-02-01", "1", "2026-02-01", "x")).isFalse();
    }

    @Test
    void comparesDatesDecimalsAndTimestampsByValue() {
        assertThat(matches("day = '2026-02-01'")).isTrue();
        assertThat(matches("day > '2026-01-31'")).isTrue();
        assertThat(matches("day BETWEEN '2026-01-01' AND '2026-12-31'")).isTrue();
        assertThat(matches("price = 12.5")).isTrue();
        assertThat(matches("price > '12.499'")).isTrue();
        assertThat(matches("at > '2026-02-01 10:29:59.999'")).isTrue();
        assertThat(matches("at = '2026-02-01T10:30'")).isTrue();
        assertThat(matches("at < '2026-02-01'")).isFalse();
    }

    @Test
    void anUnparseableStoredValueFailsEveryTypedComparison() {
        String[] values = {"2026", "two", "2026-02-01", "12.50", "2026-02-01 10:30:00", "true"};
        assertThat(matches("month = 2", values)).isFalse();
        assertThat(matches("month <> 2", values)).isFalse();
        assertThat(matches("month IN (1, 2)", values)).isFalse();
        assertThat(matches("NOT month = 2", values)).isTrue();
        assertThat(matches("month LIKE 't%'", values)).isTrue();
    }

    @Test
    void combinesWithPrecedenceNotOverAndOverOr() {
        // AND binds tighter than OR: true OR (false AND false)
        assertThat(matches("year = '2026' OR year = 'x' AND month = 9")).isTrue();
        assertThat(matches("(year = '2026' OR year = 'x') AND month = 9")).isFalse();
        // NOT binds tighter than AND: (NOT false) AND true
        assertThat(matches("NOT year = 'x' AND month = 2")).isTrue();
        assertThat(matches("NOT (year = '2026' AND month = 3)")).isTrue();
        assertThat(matches("not not year = '2026'")).isTrue();
        assertThat(matches("year = '2026' and month = 2 and day = '2026-02-01'")).isTrue();
    }

    @Test
    void inBetweenAndLike() {
        assertThat(matches("month IN (1, 2, 3)")).isTrue();
        assertThat(matches("month in ('3', '4')")).isFalse();
        assertThat(matches("month NOT IN (3, 4)")).isTrue();
        assertThat(matches("year IN ('2025', '2026')")).isTrue();
        assertThat(matches("month BETWEEN 1 AND 2")).isTrue();
        assertThat(matches("month NOT BETWEEN 1 AND 2")).isFalse();
        assertThat(matches("month BETWEEN 1 AND 2 AND year = '2026'")).isTrue();
        assertThat(matches("year LIKE '20%'")).isTrue();
        assertThat(matches("year LIKE '20_6'")).isTrue();
        assertThat(matches("year LIKE '20_'")).isFalse();
        assertThat(matches("year NOT LIKE '19%'")).isTrue();
        assertThat(matches("year LIKE '20\\%'", "20%", "1", "2026-02-01", "1", "2026-02-01", "x")).isTrue();
        assertThat(matches("year LIKE '20\\%'", "2026", "1", "2026-02-01", "1", "2026-02-01", "x")).isFalse();
    }

    @Test
    void keysAreCaseInsensitiveAndMayBeBackQuoted() {
        assertThat(matches("YEAR = '2026'")).isTrue();
        assertThat(matches("`Year` = '2026'")).isTrue();
        assertThat(matches("'2026' = year")).isTrue();
        assertThat(matches("10 > month")).isTrue();
    }

    @Test
    void stringLiteralsEscapeQuotesByDoubling() {
        assertThat(matches("year = 'it''s'", "it's", "1", "2026-02-01", "1", "2026-02-01", "x")).isTrue();
    }

    @Test
    void reportsReferencedKeys() {
        assertThat(PartitionExpression.parse("day = '2026-02-01' or year = '1' and `year` > '0'").bind(KEYS).referencedKeys())
                .containsExactly(0, 2);
    }

    @Test
    void rendersOnlyBindParameters() {
        SqlPredicate sql = PartitionExpression.parse("year = 'x''; DROP TABLE t; --' and month in (1, 2) and year like 'a%'")
                .bind(KEYS).toSql(index -> "v" + index, SqlDialect.H2);
        assertThat(sql.sql()).doesNotContain("DROP").doesNotContain("a%");
        assertThat(sql.parameters()).hasSize(4);
        assertThat(PartitionExpression.parse("year > 'a'").bind(KEYS).toSql(index -> "v" + index, SqlDialect.POSTGRESQL).sql())
                .isEqualTo("v0.value_text COLLATE \"C\" > ?");
    }

    @Test
    void malformedExpressionsNameTheProblemAndItsPosition() {
        assertInvalid("", "Expression is empty at position 1");
        assertInvalid("year = ", "Expected a quoted string or a number but found end of Expression at position 8");
        assertInvalid("year = '2026' and", "Expected a partition key name but found end of Expression at position 18");
        assertInvalid("year == '2026'", "Expected a quoted string or a number but found '=' at position 7");
        assertInvalid("year = '2026", "Unterminated string literal at position 8");
        assertInvalid("(year = '2026'", "Expected ')' but found end of Expression at position 15");
        assertInvalid("year = '2026')", "Unexpected ')' after a complete condition at position 14");
        assertInvalid("year ~ 1", "Unexpected character '~' at position 6");
        assertInvalid("year IN ()", "Expected a quoted string or a number but found ')' at position 10");
        assertInvalid("year IN ('1' '2')", "Expected ',' or ')' in IN list but found '2' at position 14");
        assertInvalid("year BETWEEN '1' OR '2'", "Expected AND in BETWEEN but found 'OR' at position 18");
        assertInvalid("year LIKE 5", "Expected a quoted pattern after LIKE but found '5' at position 11");
        assertInvalid("year '2026'", "Expected a comparison operator, IN, BETWEEN or LIKE after key year but found '2026' at position 6");
        assertInvalid("and = 1", "Expected a partition key name but found 'and' at position 1");
        assertInvalid("year = 12abc", "Unexpected character 'a' in number at position 10");
        assertInvalid("`` = 1", "Empty quoted key name at position 1");
        assertInvalid("(".repeat(300) + "year = 1" + ")".repeat(300), "Expression nests deeper than 200 levels at position 201");
    }

    @Test
    void bindingErrorsNameTheKeyOrLiteral() {
        assertInvalidBinding("colour = 'red'", "Unknown partition key: colour at position 1");
        assertInvalidBinding("year = '1' or flag = 'true'", "Partition key flag has type boolean, which an Expression cannot compare at position 15");
        assertInvalidBinding("month = 'two'", "'two' is not a value of partition key month of type int at position 9");
        assertInvalidBinding("day < '2026-13-01'", "'2026-13-01' is not a value of partition key day of type date at position 7");
        assertInvalidBinding("year LIKE 'a\\b'", "A backslash in a LIKE pattern must precede %, _ or a backslash at position 11");
    }

    private static void assertInvalid(String expression, String message) {
        assertThatThrownBy(() -> PartitionExpression.parse(expression))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessage("Invalid Expression: " + message);
    }

    private static void assertInvalidBinding(String expression, String message) {
        assertThatThrownBy(() -> PartitionExpression.parse(expression).bind(KEYS))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessage("Invalid Expression: " + message);
    }
}
