package dev.epoxy.core.catalog.expression;

import static dev.epoxy.core.catalog.expression.ExpressionErrors.invalid;

import dev.epoxy.core.catalog.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits an Expression into tokens. */
final class ExpressionLexer {
    private final String text;
    private int index;

    private ExpressionLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new ExpressionLexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new Token(Kind.END, "", index + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
    }

    private Token next() {
        int start = index;
        char c = text.charAt(index);
        switch (c) {
            case '(':
                index++;
                return new Token(Kind.LEFT_PARENTHESIS, "(", start + 1);
            case ')':
                index++;
                return new Token(Kind.RIGHT_PARENTHESIS, ")", start + 1);
            case ',':
                index++;
                return new Token(Kind.COMMA, ",", start + 1);
            case '\'':
                return string();
            case '`':
                return quotedIdentifier();
            case '=':
                index++;
                return new Token(Kind.OPERATOR, "=", start + 1);
            case '<':
                index++;
                if (index < text.length() && (text.charAt(index) == '=' || text.charAt(index) == '>')) {
                    index++;
                }
                return new Token(Kind.OPERATOR, text.substring(start, index), start + 1);
            case '>':
                index++;
                if (index < text.length() && text.charAt(index) == '=') {
                    index++;
                }
                return new Token(Kind.OPERATOR, text.substring(start, index), start + 1);
            case '!':
                if (index + 1 < text.length() && text.charAt(index + 1) == '=') {
                    index += 2;
                    return new Token(Kind.OPERATOR, "!=", start + 1);
                }
                throw invalid(start + 1, "Unexpected character '!'");
            default:
                if (isNumberStart(c)) {
                    return number();
                }
                if (Character.isLetter(c) || c == '_') {
                    while (index < text.length() && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_')) {
                        index++;
                    }
                    return new Token(Kind.IDENTIFIER, text.substring(start, index), start + 1);
                }
                throw invalid(start + 1, "Unexpected character '%s'", new String(Character.toChars(text.codePointAt(index))));
        }
    }

    private boolean isNumberStart(char c) {
        if (Character.isDigit(c) && c < 128) {
            return true;
        }
        if (c == '.' || c == '-' || c == '+') {
            int next = index + 1;
            if (next < text.length() && text.charAt(next) == '.' && c != '.') {
                next++;
            }
            return next < text.length() && text.charAt(next) >= '0' && text.charAt(next) <= '9';
        }
        return false;
    }

    private Token number() {
        int start = index;
        if (text.charAt(index) == '-' || text.charAt(index) == '+') {
            index++;
        }
        digits();
        if (index < text.length() && text.charAt(index) == '.') {
            index++;
            digits();
        }
        if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            int exponent = index + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '-' || text.charAt(exponent) == '+')) {
                exponent++;
            }
            if (exponent < text.length() && text.charAt(exponent) >= '0' && text.charAt(exponent) <= '9') {
                index = exponent;
                digits();
            }
        }
        if (index < text.length() && (Character.isLetter(text.charAt(index)) || text.charAt(index) == '_')) {
            throw invalid(index + 1, "Unexpected character '%s' in number", text.charAt(index));
        }
        return new Token(Kind.NUMBER, text.substring(start, index), start + 1);
    }

    private void digits() {
        while (index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9') {
            index++;
        }
    }

    private Token string() {
        return quoted('\'', Kind.STRING, "Unterminated string literal");
    }

    private Token quotedIdentifier() {
        Token token = quoted('`', Kind.QUOTED_IDENTIFIER, "Unterminated quoted key name");
        if (token.text().isEmpty()) {
            throw invalid(token.position(), "Empty quoted key name");
        }
        return token;
    }

    /** A quoted run in which the quote character doubled stands for itself. */
    private Token quoted(char quote, Kind kind, String unterminated) {
        int start = index;
        StringBuilder value = new StringBuilder();
        index++;
        while (true) {
            if (index >= text.length()) {
                throw invalid(start + 1, unterminated);
            }
            char c = text.charAt(index);
            if (c == quote) {
                if (index + 1 < text.length() && text.charAt(index + 1) == quote) {
                    value.append(quote);
                    index += 2;
                    continue;
                }
                index++;
                return new Token(kind, value.toString(), start + 1);
            }
            value.append(c);
            index++;
        }
    }
}
