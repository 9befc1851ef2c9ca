package dev.epoxy.core.catalog.expression;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;

/** The one shape of an Expression error: what is wrong, then where (a 1-based character offset). */
final class ExpressionErrors {
    private ExpressionErrors() {}

    static EpoxyException invalid(int position, String messageFormat, Object... args) {
        return new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid Expression: %s at position %s", String.format(messageFormat, args), position);
    }
}
