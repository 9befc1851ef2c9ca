package dev.epoxy.core.catalog.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A WHERE-clause fragment and its bind parameters in order; user values only ever travel as parameters. */
public record SqlPredicate(String sql, List<Object> parameters) {
    public SqlPredicate {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }
}
