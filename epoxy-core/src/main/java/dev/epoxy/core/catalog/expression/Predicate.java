package dev.epoxy.core.catalog.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The parsed, not yet typed, syntax tree of an Expression. */
sealed interface Predicate {
    /** This predicate resolved against a table's partition keys. */
    BoundPredicate bind(KeyBinder keys);

    record And(Predicate left, Predicate right) implements Predicate {
        @Override
        public BoundPredicate bind(KeyBinder keys) {
            return new BoundPredicate.And(left.bind(keys), right.bind(keys));
        }
    }

    record Or(Predicate left, Predicate right) implements Predicate {
        @Override
        public BoundPredicate bind(KeyBinder keys) {
            return new BoundPredicate.Or(left.bind(keys), right.bind(keys));
        }
    }

    record Not(Predicate operand) implements Predicate {
        @Override
        public BoundPredicate bind(KeyBinder keys) {
            return new BoundPredicate.Not(operand.bind(keys));
        }
    }

    record Comparison(KeyReference key, ComparisonOperator operator, Literal value) implements Predicate {
        @Override
        public BoundPredicate bind(KeyBinder keys) {
            int index = keys.indexOf(key);
            KeyType type = keys.typeOf(key, index);
            return new BoundPredicate.Comparison(index, type, operator, keys.comparand(value, key, type));
        }
    }

    record In(KeyReference key, List<Literal> values) implements Predicate {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public BoundPredicate bind(KeyBinder keys) {
            int index = keys.indexOf(key);
            KeyType type = keys.typeOf(key, index);
            return new BoundPredicate.In(index, type, values.stream().map(value -> keys.comparand(value, key, type)).toList());
        }
    }

    /** {@code BETWEEN low AND high} is {@code >= low AND <= high}, in SQL as here. */
    record Between(KeyReference key, Literal low, Literal high) implements Predicate {
        @Override
        public BoundPredicate bind(KeyBinder keys) {
            int index = keys.indexOf(key);
            KeyType type = keys.typeOf(key, index);
            return new BoundPredicate.And(
                    new BoundPredicate.Comparison(index, type, ComparisonOperator.GREATER_THAN_OR_EQUAL, keys.comparand(low, key, type)),
                    new BoundPredicate.Comparison(index, type, ComparisonOperator.LESS_THAN_OR_EQUAL, keys.comparand(high, key, type)));
        }
    }

    record Like(KeyReference key, Literal pattern) implements Predicate {
        @Override
        public BoundPredicate bind(KeyBinder keys) {
            int index = keys.indexOf(key);
            keys.typeOf(key, index);
            return new BoundPredicate.Like(index, LikePattern.of(pattern.text(), pattern.position()));
        }
    }

    /** A partition key as written, lower-cased, with where it was written. */
    record KeyReference(String name, int position) {
        public KeyReference {
            requireNonNull(name, "name is null");
        }
    }

    /** A literal as written: a quoted string's content or a number's digits. */
    record Literal(String text, boolean isNumber, int position) {
        public Literal {
            requireNonNull(text, "text is null");
        }

        String describe() {
            return isNumber ? text : "'" + text.replace("'", "''") + "'";
        }
    }
}
