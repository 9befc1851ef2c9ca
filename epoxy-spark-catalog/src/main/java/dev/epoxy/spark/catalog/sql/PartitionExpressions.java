package dev.epoxy.spark.catalog.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BinaryComparison;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.InSet;
import org.apache.spark.sql.catalyst.expressions.IsNotNull;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Spark partition filters as a Glue GetPartitions {@code Expression}, so that the catalog returns only the
 * partitions a query can need. A filter that cannot be said in Glue's language is left out, which makes the
 * expression select a superset; the file index then applies every filter exactly to what comes back.
 */
final class PartitionExpressions {
    private PartitionExpressions() {}

    /** The Glue expression for all the filters that translate; empty when none does (every partition). */
    static Optional<String> toGlueExpression(List<Expression> filters, StructType partitionSchema) {
        List<String> conjuncts = new ArrayList<>();
        for (Expression filter : filters) {
            for (Expression conjunct : splitConjuncts(filter)) {
                translate(conjunct, partitionSchema).ifPresent(conjuncts::add);
            }
        }
        return conjuncts.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", conjuncts));
    }

    /** {@code a = 'x' AND b = 'y'} for the given keys and values; empty when a value cannot be quoted. */
    static Optional<String> equalities(List<String> names, List<String> values, StructType partitionSchema) {
        List<String> conjuncts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            DataType type = partitionSchema.apply(names.get(i)).dataType();
            Optional<String> literal = literal(values.get(i), type);
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            conjuncts.add(quoteName(names.get(i)) + " = " + literal.get());
        }
        return conjuncts.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", conjuncts));
    }

    private static List<Expression> splitConjuncts(Expression expression) {
        if (expression instanceof And and) {
            List<Expression> parts = new ArrayList<>(splitConjuncts(and.left()));
            parts.addAll(splitConjuncts(and.right()));
            return parts;
        }
        return List.of(expression);
    }

    private static Optional<String> translate(Expression expression, StructType schema) {
        if (expression instanceof And and) {
            return both(translate(and.left(), schema), translate(and.right(), schema), "AND");
        }
        if (expression instanceof Or or) {
            return both(translate(or.left(), schema), translate(or.right(), schema), "OR");
        }
        if (expression instanceof Not not) {
            return translate(not.child(), schema).map(inner -> "NOT (" + inner + ")");
        }
        if (expression instanceof IsNotNull) {
            // Glue has no null partition values to exclude; leaving it out keeps a superset.
            return Optional.empty();
        }
        if (expression instanceof BinaryComparison comparison && !(expression instanceof EqualNullSafe)) {
            Optional<String> operator = operator(comparison);
            if (operator.isEmpty()) {
                return Optional.empty();
            }
            if (comparison.left() instanceof Attribute attribute && comparison.right() instanceof Literal literal) {
                return compare(attribute, operator.get(), literal, schema);
            }
            if (comparison.right() instanceof Attribute attribute && comparison.left() instanceof Literal literal) {
                return compare(attribute, flip(operator.get()), literal, schema);
            }
            return Optional.empty();
        }
        if (expression instanceof In in && in.value() instanceof Attribute attribute) {
            List<Object> values = new ArrayList<>();
            for (Expression item : JavaConverters.seqAsJavaList(in.list())) {
                if (!(item instanceof Literal literal)) {
                    return Optional.empty();
                }
                values.add(literal.value());
            }
            return inList(attribute, values, schema);
        }
        if (expression instanceof InSet inSet && inSet.child() instanceof Attribute attribute) {
            return inList(attribute, new ArrayList<>(JavaConverters.setAsJavaSet(inSet.hset())), schema);
        }
        return Optional.empty();
    }

    private static Optional<String> compare(Attribute attribute, String operator, Literal literal, StructType schema) {
        Optional<DataType> type = keyType(attribute, schema);
        if (type.isEmpty() || literal.value() == null || !literal.dataType().equals(type.get())) {
            return Optional.empty();
        }
        return literal(literal.value().toString(), type.get()).map(value -> quoteName(attribute.name()) + " " + operator + " " + value);
    }

    private static Optional<String> inList(Attribute attribute, List<Object> values, StructType schema) {
        Optional<DataType> type = keyType(attribute, schema);
        if (type.isEmpty() || values.isEmpty()) {
            return Optional.empty();
        }
        List<String> literals = new ArrayList<>();
        for (Object value : values) {
            if (value == null) {
                return Optional.empty();
            }
            Optional<String> literal = literal(value.toString(), type.get());
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            literals.add(literal.get());
        }
        return Optional.of(quoteName(attribute.name()) + " IN (" + String.join(", ", literals) + ")");
    }

    private static Optional<DataType> keyType(Attribute attribute, StructType schema) {
        for (var field : schema.fields()) {
            if (field.name().equalsIgnoreCase(attribute.name())) {
                return Optional.of(field.dataType());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> literal(String value, DataType type) {
        if (type.equals(DataTypes.StringType)) {
            // Glue's grammar has no escape for a quote inside a string literal: such a filter stays in Spark.
            return value.contains("'") ? Optional.empty() : Optional.of("'" + value + "'");
        }
        if (type instanceof IntegralType) {
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static String quoteName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> operator(BinaryComparison comparison) {
        if (comparison instanceof EqualTo) {
            return Optional.of("=");
        }
        if (comparison instanceof LessThan) {
            return Optional.of("<");
        }
        if (comparison instanceof LessThanOrEqual) {
            return Optional.of("<=");
        }
        if (comparison instanceof GreaterThan) {
            return Optional.of(">");
        }
        if (comparison instanceof GreaterThanOrEqual) {
            return Optional.of(">=");
        }
        return Optional.empty();
    }

    private static String flip(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> operator;
        };
    }

    private static Optional<String> both(Optional<String> left, Optional<String> right, String operator) {
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("(" + left.get() + ") " + operator + " (" + right.get() + ")");
    }
}
