package dev.epoxy.core.catalog.expression;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the partition store writes for one partition value: its text, and the number typed
 * comparisons use (integers and decimals as themselves, dates as epoch days, timestamps as epoch
 * milliseconds), empty when the text is not a value of the key's type or the type has no order.
 */
public record TypedValue(String text, Optional<BigDecimal> number) {
    public TypedValue {
        requireNonNull(text, "text is null");
        requireNonNull(number, "number is null");
    }

    public static TypedValue of(String keyType, String text) {
        requireNonNull(keyType, "keyType is null");
        requireNonNull(text, "text is null");
        return new TypedValue(text, KeyType.of(keyType).flatMap(type -> type.number(text)));
    }
}
