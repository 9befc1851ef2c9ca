package dev.epoxy.core.catalog.expression;

import static dev.epoxy.core.catalog.expression.ExpressionErrors.invalid;
import static java.util.Locale.ROOT;

import dev.epoxy.core.catalog.expression.Predicate.And;
import dev.epoxy.core.catalog.expression.Predicate.Between;
import dev.epoxy.core.catalog.expression.Predicate.Comparison;
import dev.epoxy.core.catalog.expression.Predicate.In;
import dev.epoxy.core.catalog.expression.Predicate.KeyReference;
import dev.epoxy.core.catalog.expression.Predicate.Like;
import dev.epoxy.core.catalog.expression.Predicate.Literal;
import dev.epoxy.core.catalog.expression.Predicate.Not;
import dev.epoxy.core.catalog.expression.Predicate.Or;
import dev.epoxy.core.catalog.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the grammar, loosest first:
 * <pre>
 * or         := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | primary
 * primary    := '(' or ')' | key condition | literal comparison-operator key
 * condition  := comparison-operator literal | [NOT] IN '(' literal (',' literal)* ')'
 *             | [NOT] BETWEEN literal AND literal | [NOT] LIKE string
 * </pre>
 */
final class ExpressionParser {
    /** Words that cannot name a key unless back-quoted. */
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "between", "like");
    /** Nesting bound, so that a hostile Expression cannot overflow the request thread's stack. */
    private static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private int index;
    private int depth;

    private ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Predicate parse(String text) {
        ExpressionParser parser = new ExpressionParser(ExpressionLexer.tokens(text));
        if (parser.peek().kind() == Kind.END) {
            throw invalid(1, "Expression is empty");
        }
        Predicate predicate = parser.or();
        Token trailing = parser.peek();
        if (trailing.kind() != Kind.END) {
            throw invalid(trailing.position(), "Unexpected %s after a complete condition", trailing.describe());
        }
        return predicate;
    }

    private Predicate or() {
        Predicate left = and();
        while (peek().isKeyword("or")) {
            index++;
            left = new Or(left, and());
        }
        return left;
    }

    private Predicate and() {
        Predicate left = not();
        while (peek().isKeyword("and")) {
            index++;
            left = new And(left, not());
        }
        return left;
    }

    private Predicate not() {
        Token token = peek();
        if (++depth > MAX_DEPTH) {
            throw invalid(token.position(), "Expression nests deeper than %s levels", MAX_DEPTH);
        }
        try {
            if (token.isKeyword("not")) {
                index++;
                return new Not(not());
            }
            return primary();
        }
        finally {
            depth--;
        }
    }

    private Predicate primary() {
        Token token = peek();
        if (token.kind() == Kind.LEFT_PARENTHESIS) {
            index++;
            Predicate inner = or();
            expect(Kind.RIGHT_PARENTHESIS, "')'");
            return inner;
        }
        if (token.kind() == Kind.STRING || token.kind() == Kind.NUMBER) {
            Literal value = literal();
            Token operator = peek();
            if (operator.kind() != Kind.OPERATOR) {
                throw invalid(operator.position(), "Expected a comparison operator after %s but found %s", value.describe(), operator.describe());
            }
            index++;
            KeyReference key = key();
            return new Comparison(key, ComparisonOperator.of(operator.text()).flipped(), value);
        }
        KeyReference key = key();
        return condition(key);
    }

    private Predicate condition(KeyReference key) {
        Token token = peek();
        if (token.kind() == Kind.OPERATOR) {
            index++;
            return new Comparison(key, ComparisonOperator.of(token.text()), literal());
        }
        boolean negated = token.isKeyword("not");
        if (negated) {
            index++;
            token = peek();
        }
        Predicate condition;
        if (token.isKeyword("in")) {
            index++;
            condition = in(key);
        }
        else if (token.isKeyword("between")) {
            index++;
            Literal low = literal();
            Token and = peek();
            if (!and.isKeyword("and")) {
                throw invalid(and.position(), "Expected AND in BETWEEN but found %s", and.describe());
            }
            index++;
            condition = new Between(key, low, literal());
        }
        else if (token.isKeyword("like")) {
            index++;
            Token pattern = peek();
            if (pattern.kind() != Kind.STRING) {
                throw invalid(pattern.position(), "Expected a quoted pattern after LIKE but found %s", pattern.describe());
            }
            index++;
            condition = new Like(key, new Literal(pattern.text(), false, pattern.position()));
        }
        else {
            throw invalid(token.position(), "Expected a comparison operator, IN, BETWEEN or LIKE after key %s but found %s", key.name(), token.describe());
        }
        return negated ? new Not(condition) : condition;
    }

    private Predicate in(KeyReference key) {
        expect(Kind.LEFT_PARENTHESIS, "'(' after IN");
        List<Literal> values = new ArrayList<>();
        values.add(literal());
        while (peek().kind() == Kind.COMMA) {
            index++;
            values.add(literal());
        }
        expect(Kind.RIGHT_PARENTHESIS, "',' or ')' in IN list");
        return new In(key, values);
    }

    private KeyReference key() {
        Token token = peek();
        if (token.kind() == Kind.QUOTED_IDENTIFIER) {
            index++;
            return new KeyReference(token.text().toLowerCase(ROOT), token.position());
        }
        if (token.kind() == Kind.IDENTIFIER && !RESERVED.contains(token.text().toLowerCase(ROOT))) {
            index++;
            return new KeyReference(token.text().toLowerCase(ROOT), token.position());
        }
        throw invalid(token.position(), "Expected a partition key name but found %s", token.describe());
    }

    private Literal literal() {
        Token token = peek();
        if (token.kind() == Kind.STRING || token.kind() == Kind.NUMBER) {
            index++;
            return new Literal(token.text(), token.kind() == Kind.NUMBER, token.position());
        }
        throw invalid(token.position(), "Expected a quoted string or a number but found %s", token.describe());
    }

    private void expect(Kind kind, String what) {
        Token token = peek();
        if (token.kind() != kind) {
            throw invalid(token.position(), "Expected %s but found %s", what, token.describe());
        }
        index++;
    }

    private Token peek() {
        return tokens.get(index);
    }
}
