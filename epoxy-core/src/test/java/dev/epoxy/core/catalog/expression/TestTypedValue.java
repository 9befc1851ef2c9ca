package dev.epoxy.core.catalog.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestTypedValue {
    @Test
    void numbersOfEachType() {
        assertThat(TypedValue.of("int", "007").number()).contains(new BigDecimal("7"));
        assertThat(TypedValue.of("TINYINT", "128").number()).isEmpty();
        assertThat(TypedValue.of("smallint", "-32768").number()).contains(new BigDecimal("-32768"));
        assertThat(TypedValue.of("bigint", "9223372036854775808").number()).isEmpty();
        assertThat(TypedValue.of("int", "1.0").number()).isEmpty();
        assertThat(TypedValue.of("decimal(10,2)", "12.50").number()).contains(new BigDecimal("12.5"));
        assertThat(TypedValue.of("decimal", "0.0000000004").number()).contains(BigDecimal.ZERO);
        assertThat(TypedValue.of("date", "2026-02-01").number()).contains(BigDecimal.valueOf(LocalDate.of(2026, 2, 1).toEpochDay()));
        assertThat(TypedValue.of("timestamp", "1970-01-01 00:00:01.5").number()).contains(new BigDecimal("1500"));
        assertThat(TypedValue.of("timestamp", "yesterday").number()).isEmpty();
    }

    @Test
    void textOnlyForStringsAndUncomparableTypes() {
        assertThat(TypedValue.of("varchar(10)", "12")).isEqualTo(new TypedValue("12", Optional.empty()));
        assertThat(TypedValue.of("string", "12").number()).isEmpty();
        assertThat(TypedValue.of("boolean", "true").number()).isEmpty();
        assertThat(TypedValue.of("array<int>", "1").number()).isEmpty();
    }
}
