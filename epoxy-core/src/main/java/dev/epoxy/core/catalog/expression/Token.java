package dev.epoxy.core.catalog.expression;

/** One lexical token of an Expression; {@code position} is the 1-based offset of its first character. */
record Token(Kind kind, String text, int position) {
    enum Kind {
        IDENTIFIER,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        OPERATOR,
        LEFT_PARENTHESIS,
        RIGHT_PARENTHESIS,
        COMMA,
        END
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    String describe() {
        return switch (kind) {
            case END -> "end of Expression";
            case STRING -> "'" + text.replace("'", "''") + "'";
            case QUOTED_IDENTIFIER -> "`" + text + "`";
            case IDENTIFIER, NUMBER, OPERATOR, LEFT_PARENTHESIS, RIGHT_PARENTHESIS, COMMA -> "'" + text + "'";
        };
    }
}
