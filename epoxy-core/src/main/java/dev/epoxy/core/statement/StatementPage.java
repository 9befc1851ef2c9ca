package dev.epoxy.core.statement;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A bounded slice of a session's history in id order, with the id of the statement the next page
 * starts at when there are more.
 */
public record StatementPage(List<Statement> statements, Optional<Integer> nextStatementId) {
    public StatementPage {
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        requireNonNull(nextStatementId, "nextStatementId is null");
    }

    public static StatementPage empty() {
        return new StatementPage(List.of(), Optional.empty());
    }
}
