package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.jdbc.Columns.setText;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.tag.TagStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Tags in {@code resource_tags (arn, tag_key, tag_value)} (migration V3). A resource has no row of its own
 * to lock, so writes to one ARN are serialized in this process (one server owns its database); the
 * {@link #MAX_TAGS} check and the write then share one transaction.
 */
public final class JdbcTagStore implements TagStore {
    private static final int LOCK_STRIPES = 64;

    private final JdbcWork work;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public JdbcTagStore(DataSource dataSource) {
        this.work = new JdbcWork(dataSource);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public Map<String, String> getTags(GlueArn arn) {
        requireNonNull(arn, "arn is null");
        List<Map.Entry<String, String>> rows = work.inConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT tag_key, tag_value FROM resource_tags WHERE arn = ? ORDER BY tag_key")) {
                setText(select, 1, arn.toString());
                return JdbcWork.readAll(select, row -> Map.entry(row.getString("tag_key"), row.getString("tag_value")));
            }
        }, "Cannot read tags of %s", arn);
        Map<String, String> tags = new LinkedHashMap<>();
        rows.forEach(entry -> tags.put(entry.getKey(), entry.getValue()));
        return Collections.unmodifiableMap(tags);
    }

    @Override
    public void tagResource(GlueArn arn, Map<String, String> tags) {
        requireNonNull(arn, "arn is null");
        requireNonNull(tags, "tags is null");
        write(arn, connection -> {
            deleteKeys(connection, arn, tags.keySet());
            insert(connection, arn, tags);
            checkCount(connection, arn);
        }, "Cannot tag %s");
    }

    @Override
    public void replaceTags(GlueArn arn, Map<String, String> tags) {
        requireNonNull(arn, "arn is null");
        requireNonNull(tags, "tags is null");
        write(arn, connection -> {
            deleteAll(connection, arn);
            insert(connection, arn, tags);
            checkCount(connection, arn);
        }, "Cannot tag %s");
    }

    @Override
    public void untagResource(GlueArn arn, Set<String> keys) {
        requireNonNull(arn, "arn is null");
        requireNonNull(keys, "keys is null");
        write(arn, connection -> deleteKeys(connection, arn, keys), "Cannot untag %s");
    }

    @Override
    public void deleteTags(GlueArn arn) {
        requireNonNull(arn, "arn is null");
        write(arn, connection -> deleteAll(connection, arn), "Cannot delete the tags of %s");
    }

    private void write(GlueArn arn, TagWrite write, String failureFormat) {
        String key = arn.toString();
        synchronized (locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)]) {
            work.inTransaction(connection -> {
                write.run(connection);
                return null;
            }, failureFormat, arn);
        }
    }

    private static void checkCount(Connection connection, GlueArn arn) throws SQLException {
        int count;
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM resource_tags WHERE arn = ?")) {
            setText(select, 1, arn.toString());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                count = row.getInt(1);
            }
        }
        if (count > MAX_TAGS) {
            // Thrown inside the transaction, so the write is rolled back.
            throw new EpoxyException(INVALID_INPUT, "Cannot tag %s: a resource can have at most %s tags, and this would make %s", arn, MAX_TAGS, count);
        }
    }

    private static void insert(Connection connection, GlueArn arn, Map<String, String> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO resource_tags (arn, tag_key, tag_value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                setText(insert, 1, arn.toString());
                setText(insert, 2, tag.getKey());
                setText(insert, 3, tag.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void deleteKeys(Connection connection, GlueArn arn, Set<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM resource_tags WHERE arn = ? AND tag_key = ?")) {
            for (String key : keys) {
                setText(delete, 1, arn.toString());
                setText(delete, 2, key);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void deleteAll(Connection connection, GlueArn arn) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM resource_tags WHERE arn = ?")) {
            setText(delete, 1, arn.toString());
            delete.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface TagWrite {
        void run(Connection connection) throws SQLException;
    }
}
