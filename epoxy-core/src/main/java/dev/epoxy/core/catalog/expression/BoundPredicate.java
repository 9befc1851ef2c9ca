package dev.epoxy.core.catalog.expression;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Expression resolved against a table's partition keys: each condition knows its key's index and
 * type, and each literal is already converted to what it is compared with. Evaluation is two-valued
 * on both sides: a typed condition on a value that is not of its key's type is false, never unknown,
 * so that NOT of it is true in memory and in SQL alike.
 */
sealed interface BoundPredicate {
    boolean test(List<TypedValue> values);

    void appendSql(SqlWriter sql);

    void collectKeys(Set<Integer> keys);

    record And(BoundPredicate left, BoundPredicate right) implements BoundPredicate {
        @Override
        public boolean test(List<TypedValue> values) {
            return left.test(values) && right.test(values);
        }

        @Override
        public void appendSql(SqlWriter sql) {
            sql.append("(");
            left.appendSql(sql);
            sql.append(" AND ");
            right.appendSql(sql);
            sql.append(")");
        }

        @Override
        public void collectKeys(Set<Integer> keys) {
            left.collectKeys(keys);
            right.collectKeys(keys);
        }
    }

    record Or(BoundPredicate left, BoundPredicate right) implements BoundPredicate {
        @Override
        public boolean test(List<TypedValue> values) {
            return left.test(values) || right.test(values);
        }

        @Override
        public void appendSql(SqlWriter sql) {
            sql.append("(");
            left.appendSql(sql);
            sql.append(" OR ");
            right.appendSql(sql);
            sql.append(")");
        }

        @Override
        public void collectKeys(Set<Integer> keys) {
            left.collectKeys(keys);
            right.collectKeys(keys);
        }
    }

    record Not(BoundPredicate operand) implements BoundPredicate {
        @Override
        public boolean test(List<TypedValue> values) {
            return !operand.test(values);
        }

        @Override
        public void appendSql(SqlWriter sql) {
            sql.append("(NOT ");
            operand.appendSql(sql);
            sql.append(")");
        }

        @Override
        public void collectKeys(Set<Integer> keys) {
            operand.collectKeys(keys);
        }
    }

    /** {@code key <operator> value}; by number when the key's type is numeric, else by text. */
    record Comparison(int keyIndex, KeyType type, ComparisonOperator operator, Comparand value) implements BoundPredicate {
        @Override
        public boolean test(List<TypedValue> values) {
            TypedValue actual = values.get(keyIndex);
            if (!type.isNumeric()) {
                return operator.holds(actual.text().compareTo(value.text()));
            }
            return actual.number().map(number -> operator.holds(number.compareTo(value.number().orElseThrow()))).orElse(false);
        }

        @Override
        public void appendSql(SqlWriter sql) {
            if (!type.isNumeric()) {
                String column = sql.textColumn(keyIndex);
                sql.append(operator.isOrdering() ? sql.orderedText(column) : column).append(" ").append(operator.sql()).append(" ").parameter(value.text());
                return;
            }
            String column = sql.numberColumn(keyIndex);
            sql.append("(").append(column).append(" IS NOT NULL AND ").append(column).append(" ").append(operator.sql()).append(" ")
                    .parameter(value.number().orElseThrow()).append(")");
        }

        @Override
        public void collectKeys(Set<Integer> keys) {
            keys.add(keyIndex);
        }
    }

    record In(int keyIndex, KeyType type, List<Comparand> values) implements BoundPredicate {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public boolean test(List<TypedValue> partitionValues) {
            TypedValue actual = partitionValues.get(keyIndex);
            if (!type.isNumeric()) {
                return values.stream().anyMatch(value -> value.text().equals(actual.text()));
            }
            return actual.number()
                    .map(number -> values.stream().anyMatch(value -> value.number().orElseThrow().compareTo(number) == 0))
                    .orElse(false);
        }

        @Override
        public void appendSql(SqlWriter sql) {
            String column = type.isNumeric() ? sql.numberColumn(keyIndex) : sql.textColumn(keyIndex);
            sql.append("(");
            if (type.isNumeric()) {
                sql.append(column).append(" IS NOT NULL AND ");
            }
            sql.append(column).append(" IN (");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                sql.parameter(values.get(i).parameter(type));
            }
            sql.append("))");
        }

        @Override
        public void collectKeys(Set<Integer> keys) {
            keys.add(keyIndex);
        }
    }

    /** LIKE always matches the value's text, whatever the key's type. */
    record Like(int keyIndex, LikePattern pattern) implements BoundPredicate {
        @Override
        public boolean test(List<TypedValue> values) {
            return pattern.matches(values.get(keyIndex).text());
        }

        @Override
        public void appendSql(SqlWriter sql) {
            sql.append(sql.textColumn(keyIndex)).append(" LIKE ").parameter(pattern.pattern()).append(" ESCAPE '\\'");
        }

        @Override
        public void collectKeys(Set<Integer> keys) {
            keys.add(keyIndex);
        }
    }

    /** A literal as compared: its text, and its number when the key is numeric. */
    record Comparand(String text, Optional<BigDecimal> number) {
        public Comparand {
            requireNonNull(text, "text is null");
            requireNonNull(number, "number is null");
        }

        /** The bind parameter: the number for numeric keys, else the text. */
        Object parameter(KeyType type) {
            return type.isNumeric() ? number.orElseThrow() : text;
        }
    }
}
