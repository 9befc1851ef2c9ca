package dev.epoxy.spark.catalog.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BinaryComparison;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Catalyst partition filters as a Glue GetPartitions {@code Expression}, so that the catalog (not the
 * driver) discards most partitions of a large table. Only what translates exactly is sent: comparisons,
 * IN, AND, OR and NOT over string and integer partition keys and literals of the same type; a filter
 * that does not translate is left out (the driver still evaluates every filter on what comes back).
 */
final class GlueExpressions {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private GlueExpressions() {}

    /** The conjunction of the filters that translate; empty when none does. */
    static Optional<String> fromFilters(List<Expression> filters, StructType partitionSchema) {
        List<String> conjuncts = new ArrayList<>();
        for (Expression filter : filters) {
            translate(filter, partitionSchema).ifPresent(conjuncts::add);
        }
        return conjuncts.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", conjuncts));
    }

    /** An expression that holds for at least the partitions {@code expression} holds for. */
    static Optional<String> translate(Expression expression, StructType schema) {
        if (expression instanceof And and) {
            Optional<String> left = translate(and.left(), schema);
            Optional<String> right = translate(and.right(), schema);
            if (left.isPresent() && right.isPresent()) {
                return Optional.of("(" + left.get() + " AND " + right.get() + ")");
            }
            // Dropping one side of an AND only widens the result, which the driver narrows again.
            return left.isPresent() ? left : right;
        }
        if (expression instanceof Or or) {
            Optional<String> left = translate(or.left(), schema);
            Optional<String> right = translate(or.right(), schema);
            return left.isPresent() && right.isPresent() ? Optional.of("(" + left.get() + " OR " + right.get() + ")") : Optional.empty();
        }
        if (expression instanceof Not not) {
            // NOT must translate exactly, never widened.
            return exact(not.child(), schema).map(child -> "(NOT " + child + ")");
        }
        return exact(expression, schema);
    }

    /** An expression that holds for exactly the partitions {@code expression} holds for. */
    private static Optional<String> exact(Expression expression, StructType schema) {
        if (expression instanceof And and) {
            Optional<String> left = exact(and.left(), schema);
            Optional<String> right = exact(and.right(), schema);
            return left.isPresent() && right.isPresent() ? Optional.of("(" + left.get() + " AND " + right.get() + ")") : Optional.empty();
        }
        if (expression instanceof Or or) {
            Optional<String> left = exact(or.left(), schema);
            Optional<String> right = exact(or.right(), schema);
            return left.isPresent() && right.isPresent() ? Optional.of("(" + left.get() + " OR " + right.get() + ")") : Optional.empty();
        }
        if (expression instanceof Not not) {
            return exact(not.child(), schema).map(child -> "(NOT " + child + ")");
        }
        if (expression instanceof BinaryComparison comparison) {
            Optional<String> operator = operator(comparison);
            if (operator.isEmpty()) {
                return Optional.empty();
            }
            if (comparison.left() instanceof Attribute attribute && comparison.right() instanceof Literal literal) {
                return comparison(attribute, operator.get(), literal, schema);
            }
            if (comparison.left() instanceof Literal literal && comparison.right() instanceof Attribute attribute) {
                return comparison(attribute, flipped(operator.get()), literal, schema);
            }
            return Optional.empty();
        }
        if (expression instanceof In in && in.value() instanceof Attribute attribute) {
            List<String> values = new ArrayList<>();
            for (Expression element : Scala.list(in.list())) {
                if (!(element instanceof Literal literal)) {
                    return Optional.empty();
                }
                Optional<String> value = literal(attribute, literal, schema);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                values.add(value.get());
            }
            return values.isEmpty() ? Optional.empty() : Optional.of(attribute.name() + " IN (" + String.join(", ", values) + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> comparison(Attribute attribute, String operator, Literal literal, StructType schema) {
        return literal(attribute, literal, schema).map(value -> attribute.name() + " " + operator + " " + value);
    }

    private static Optional<String> literal(Attribute attribute, Literal literal, StructType schema) {
        if (!PLAIN_NAME.matcher(attribute.name()).matches() || schema.getFieldIndex(attribute.name()).isEmpty()
                || literal.value() == null) {
            return Optional.empty();
        }
        DataType type = schema.apply(attribute.name()).dataType();
        if (!type.equals(literal.dataType()) || !type.equals(attribute.dataType())) {
            return Optional.empty();
        }
        String text = literal.value().toString();
        if (type instanceof StringType) {
            return text.contains("'") ? Optional.empty() : Optional.of("'" + text + "'");
        }
        if (type instanceof IntegerType || type instanceof LongType || type instanceof ShortType || type instanceof ByteType) {
            return Optional.of(text);
        }
        return Optional.empty();
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

    private static String flipped(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> operator;
        };
    }
}
