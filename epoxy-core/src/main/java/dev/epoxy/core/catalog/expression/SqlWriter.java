package dev.epoxy.core.catalog.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Accumulates SQL text and its bind parameters while a bound Expression renders itself. */
final class SqlWriter {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private final IntFunction<String> aliasOfKey;
    private final SqlDialect dialect;

    SqlWriter(IntFunction<String> aliasOfKey, SqlDialect dialect) {
        this.aliasOfKey = aliasOfKey;
        this.dialect = dialect;
    }

    SqlWriter append(String text) {
        sql.append(text);
        return this;
    }

    SqlWriter parameter(Object value) {
        sql.append('?');
        parameters.add(value);
        return this;
    }

    String textColumn(int keyIndex) {
        return aliasOfKey.apply(keyIndex) + ".value_text";
    }

    String numberColumn(int keyIndex) {
        return aliasOfKey.apply(keyIndex) + ".value_number";
    }

    String orderedText(String column) {
        return dialect.orderedText(column);
    }

    SqlPredicate toPredicate() {
        return new SqlPredicate(sql.toString(), parameters);
    }
}
