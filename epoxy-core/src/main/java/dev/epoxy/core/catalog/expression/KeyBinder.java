package dev.epoxy.core.catalog.expression;

import static dev.epoxy.core.catalog.expression.ExpressionErrors.invalid;
import static java.util.Locale.ROOT;

import dev.epoxy.core.catalog.expression.BoundPredicate.Comparand;
import dev.epoxy.core.catalog.expression.Predicate.KeyReference;
import dev.epoxy.core.catalog.expression.Predicate.Literal;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Resolves the keys and literals of an Expression against one table's partition keys. */
final class KeyBinder {
    private final List<PartitionKey> keys;

    KeyBinder(List<PartitionKey> keys) {
        this.keys = List.copyOf(keys);
    }

    int indexOf(KeyReference key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().equals(key.name())) {
                return i;
            }
        }
        throw invalid(key.position(), "Unknown partition key: %s", key.name());
    }

    KeyType typeOf(KeyReference reference, int index) {
        PartitionKey key = keys.get(index);
        return KeyType.of(key.type()).orElseThrow(() -> invalid(reference.position(),
                "Partition key %s has type %s, which an Expression cannot compare", key.name(), key.type()));
    }

    Comparand comparand(Literal literal, KeyReference key, KeyType type) {
        if (!type.isNumeric()) {
            return new Comparand(literal.text(), Optional.empty());
        }
        Optional<BigDecimal> number = type.literalNumber(literal.text());
        if (number.isEmpty()) {
            throw invalid(literal.position(), "%s is not a value of partition key %s of type %s",
                    literal.describe(), key.name(), type.name().toLowerCase(ROOT));
        }
        return new Comparand(literal.text(), number);
    }
}
