package dev.epoxy.glue.jdbc;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.bookmark.JdbcBookmark;
import dev.epoxy.glue.bookmark.JobBookmarks;
import dev.epoxy.glue.job.Job;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One bookmarked JDBC read: before the rows are read, the runtime asks the database for the last row in key order
 * past the committed state, and reads only rows after the state and up to that row. Fixing the upper end first keeps
 * the bookmark honest: a row inserted while the job runs is read by the next run, never skipped.
 */
final class JdbcBookmarkedRead {
    private final String transformationContext;
    private final JobBookmarks.JdbcRange range;

    JdbcBookmarkedRead(String transformationContext, JobBookmarks.JdbcRange range) {
        this.transformationContext = requireNonNull(transformationContext, "transformationContext is null");
        this.range = requireNonNull(range, "range is null");
    }

    /** The SQL condition of the rows to read, recording the state to commit; {@code 1 = 0} when nothing is new. */
    Optional<String> condition(JdbcConnection connection, Map<String, String> sparkOptions, String relation) throws SQLException {
        JdbcBookmark from = range.from();
        Optional<String> after = from.whereClause().map(clause -> "(" + clause + ")");
        Optional<JdbcBookmark> upTo = range.upTo();
        if (upTo.isEmpty()) {
            upTo = lastRow(connection, sparkOptions, relation, after, from).map(values -> from.advancedTo(values));
        }
        if (upTo.isEmpty() || upTo.get().lastValues().isEmpty()) {
            return Optional.of("1 = 0");
        }
        Job.bookmarks().jdbcRead(transformationContext, upTo.get());
        String notAfterEnd = "NOT (" + upTo.get().whereClause().orElseThrow() + ")";
        return Optional.of(after.map(clause -> clause + " AND " + notAfterEnd).orElse(notAfterEnd));
    }

    private static Optional<List<Object>> lastRow(JdbcConnection connection, Map<String, String> sparkOptions, String relation,
            Optional<String> after, JdbcBookmark from) throws SQLException {
        String reverse = from.sortOrder() == JdbcBookmark.SortOrder.ASC ? "DESC" : "ASC";
        List<String> order = new ArrayList<>();
        from.keys().forEach(key -> order.add(key + " " + reverse));
        String sql = "SELECT " + String.join(", ", from.keys()) + " FROM " + relation + " epoxy_bookmarked"
                + after.map(clause -> " WHERE " + clause).orElse("") + " ORDER BY " + String.join(", ", order);
        try (Connection jdbc = JdbcOptions.open(connection, sparkOptions);
                Statement statement = jdbc.createStatement()) {
            statement.setMaxRows(1);
            try (ResultSet result = statement.executeQuery(sql)) {
                if (!result.next()) {
                    return Optional.empty();
                }
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= from.keys().size(); i++) {
                    values.add(bookmarkValue(result.getObject(i), from.keys().get(i - 1)));
                }
                return Optional.of(values);
            }
        }
    }

    /** Numbers, strings and booleans as they are; dates and times as their SQL literal text, which the database compares. */
    private static Object bookmarkValue(Object value, String key) throws SQLException {
        if (value == null) {
            throw new SQLException("jobBookmarkKeys column " + key + " holds NULL: bookmark keys must not be NULL");
        }
        if (value instanceof BigDecimal || value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof Double || value instanceof Float || value instanceof java.math.BigInteger) {
            return value instanceof BigDecimal ? value : new BigDecimal(value.toString());
        }
        if (value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }
}
