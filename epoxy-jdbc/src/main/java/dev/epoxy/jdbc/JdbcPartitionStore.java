package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INTERNAL;
import static dev.epoxy.core.ErrorCode.TABLE_NOT_FOUND;
import static dev.epoxy.jdbc.Columns.setText;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.catalog.TableId;
import dev.epoxy.core.catalog.expression.BoundExpression;
import dev.epoxy.core.catalog.expression.PartitionKey;
import dev.epoxy.core.catalog.expression.SqlDialect;
import dev.epoxy.core.catalog.expression.SqlPredicate;
import dev.epoxy.core.catalog.expression.TypedValue;
import dev.epoxy.core.catalog.partition.PartitionPage;
import dev.epoxy.core.catalog.partition.PartitionQuery;
import dev.epoxy.core.catalog.partition.PartitionSegment;
import dev.epoxy.core.catalog.partition.PartitionStore;
import dev.epoxy.core.catalog.partition.StoredPartition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link PartitionStore} over the tables of {@code V5__catalog_partitions.sql}. GetPartitions runs as one
 * query: one join to {@code catalog_partition_values} per key the Expression names, the Expression's
 * own SQL ({@link BoundExpression#toSql}) as the filter, keyset paging by row id.
 */
public final class JdbcPartitionStore implements PartitionStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT_PARTITION = "INSERT INTO catalog_partitions "
            + "(table_key, values_hash, partition_values, partition_json, created_on, updated_on) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_VALUE = "INSERT INTO catalog_partition_values "
            + "(partition_id, key_index, table_key, value_text, value_number) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT_BY_VALUES = "SELECT id, partition_values, partition_json FROM catalog_partitions "
            + "WHERE table_key = ? AND values_hash = ?";
    private static final int RETYPE_BATCH = 1000;

    private final JdbcWork work;
    private final SqlDialect dialect;

    public JdbcPartitionStore(DataSource dataSource) {
        this.work = new JdbcWork(dataSource);
        this.dialect = dialectOf(dataSource);
    }

    @Override
    public void createPartition(TableId table, List<PartitionKey> keys, StoredPartition partition) {
        requireNonNull(partition, "partition is null");
        work.inTransaction(connection -> {
            long tableKey = tableKeyOf(connection, table);
            ensureTyped(connection, tableKey, keys);
            insert(connection, tableKey, keys, partition);
            return null;
        }, "Cannot create partition %s", partition.values());
    }

    /**
     * One transaction of four statements whatever the batch size: which values exist, insert the new
     * partitions, read their ids, insert all their value rows. A concurrent creation of one of them
     * (a unique violation) falls back to one transaction per partition.
     */
    @Override
    public List<List<String>> createPartitionsIfAbsent(TableId table, List<PartitionKey> keys, List<StoredPartition> partitions) {
        requireNonNull(partitions, "partitions is null");
        try {
            return work.inTransaction(connection -> {
                long tableKey = tableKeyOf(connection, table);
                ensureTyped(connection, tableKey, keys);
                Map<String, StoredPartition> fresh = new LinkedHashMap<>();
                partitions.forEach(partition -> fresh.putIfAbsent(hashOf(partition.values()), partition));
                Map<String, Long> stored = idsByHash(connection, tableKey, fresh.keySet());
                // in input order: those stored already, and every repetition after the first
                List<List<String>> existing = new ArrayList<>();
                Map<String, Boolean> firstSeen = new HashMap<>();
                for (StoredPartition partition : partitions) {
                    String hash = hashOf(partition.values());
                    if (stored.containsKey(hash) || firstSeen.put(hash, true) != null) {
                        existing.add(partition.values());
                    }
                }
                stored.keySet().forEach(fresh::remove);
                if (fresh.isEmpty()) {
                    return existing;
                }
                long now = System.currentTimeMillis();
                try (PreparedStatement insert = connection.prepareStatement(INSERT_PARTITION)) {
                    for (Map.Entry<String, StoredPartition> entry : fresh.entrySet()) {
                        insert.setLong(1, tableKey);
                        insert.setString(2, entry.getKey());
                        setText(insert, 3, StringCodec.encodeList(entry.getValue().values()));
                        setText(insert, 4, entry.getValue().json());
                        insert.setLong(5, now);
                        insert.setLong(6, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                catch (SQLException e) {
                    throw alreadyExistsOr(e, List.of());
                }
                Map<String, Long> ids = idsByHash(connection, tableKey, fresh.keySet());
                try (PreparedStatement insert = connection.prepareStatement(INSERT_VALUE)) {
                    for (Map.Entry<String, StoredPartition> entry : fresh.entrySet()) {
                        addValues(insert, tableKey, ids.get(entry.getKey()), keys, entry.getValue().values());
                    }
                    insert.executeBatch();
                }
                return existing;
            }, "Cannot create partitions");
        }
        catch (EpoxyException e) {
            if (e.code() != ALREADY_EXISTS) {
                throw e;
            }
        }
        List<List<String>> existing = new ArrayList<>();
        for (StoredPartition partition : partitions) {
            try {
                createPartition(table, keys, partition);
            }
            catch (EpoxyException e) {
                if (e.code() != ALREADY_EXISTS) {
                    throw e;
                }
                existing.add(partition.values());
            }
        }
        return existing;
    }

    private static Map<String, Long> idsByHash(Connection connection, long tableKey, Collection<String> hashes) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        if (hashes.isEmpty()) {
            return ids;
        }
        String placeholders = String.join(", ", Collections.nCopies(hashes.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, values_hash FROM catalog_partitions WHERE table_key = ? AND values_hash IN (" + placeholders + ")")) {
            select.setLong(1, tableKey);
            int index = 2;
            for (String hash : hashes) {
                select.setString(index++, hash);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.put(row.getString("values_hash"), row.getLong("id"));
                }
            }
        }
        return ids;
    }

    @Override
    public Optional<StoredPartition> findPartition(TableId table, List<String> values) {
        requireNonNull(values, "values is null");
        return work.inTransaction(connection -> find(connection, tableKeyOf(connection, table), values).map(FoundPartition::partition), "Cannot read partition %s", values);
    }

    @Override
    public PartitionPage listPartitions(TableId table, PartitionQuery query) {
        requireNonNull(query, "query is null");
        StringBuilder sql = new StringBuilder("SELECT p.id, p.partition_values, p.partition_json FROM ");
        List<Object> parameters = new ArrayList<>();
        // the table's key, set once connected, then the page's start
        parameters.add(0L);
        parameters.add(query.afterId());
        String rowId;
        StringBuilder where = new StringBuilder(" WHERE ");
        if (query.expression().isPresent()) {
            // Start from the value rows of the Expression's leading key (an index range on
            // (table_key, key_index, value_...)), then look up the other keys' rows and the partition.
            // Key indexes are the server's own integers, never client text.
            BoundExpression expression = query.expression().get();
            int leading = expression.leadingKey();
            rowId = "v%s.partition_id".formatted(leading);
            sql.append("catalog_partition_values v").append(leading)
                    .append(" JOIN catalog_partitions p ON p.id = ").append(rowId);
            for (int key : expression.referencedKeys()) {
                if (key != leading) {
                    sql.append(" JOIN catalog_partition_values v%1$s ON v%1$s.partition_id = %2$s AND v%1$s.key_index = %1$s".formatted(key, rowId));
                }
            }
            where.append("v%1$s.table_key = ? AND v%1$s.key_index = %1$s AND %2$s > ?".formatted(leading, rowId));
            SqlPredicate predicate = expression.toSql(key -> "v" + key, dialect);
            where.append(" AND ").append(predicate.sql());
            parameters.addAll(predicate.parameters());
        }
        else {
            rowId = "p.id";
            sql.append("catalog_partitions p");
            where.append("p.table_key = ? AND p.id > ?");
        }
        if (query.segment().isPresent()) {
            PartitionSegment segment = query.segment().get();
            where.append(" AND MOD(").append(rowId).append(", ?) = ?");
            parameters.add((long) segment.total());
            parameters.add((long) segment.number());
        }
        sql.append(where).append(" ORDER BY ").append(rowId).append(" LIMIT ?");
        // one more than a page, to know whether another page follows
        parameters.add(query.maxResults() + 1);
        return work.inTransaction(connection -> {
            long tableKey = tableKeyOf(connection, table);
            parameters.set(0, tableKey);
            if (query.expression().isPresent()) {
                ensureTyped(connection, tableKey, query.expression().get().keys());
            }
            List<FoundPartition> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                bind(select, parameters);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(read(row));
                    }
                }
            }
            boolean more = rows.size() > query.maxResults();
            List<FoundPartition> page = more ? rows.subList(0, query.maxResults()) : rows;
            return new PartitionPage(
                    page.stream().map(FoundPartition::partition).toList(),
                    more ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
        }, "Cannot list partitions");
    }

    @Override
    public void updatePartition(TableId table, List<PartitionKey> keys, List<String> values, StoredPartition replacement) {
        requireNonNull(values, "values is null");
        requireNonNull(replacement, "replacement is null");
        work.inTransaction(connection -> {
            long tableKey = tableKeyOf(connection, table);
            ensureTyped(connection, tableKey, keys);
            long id = find(connection, tableKey, values).orElseThrow(() -> partitionNotFound(values)).id();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE catalog_partitions SET values_hash = ?, partition_values = ?, partition_json = ?, updated_on = ? WHERE id = ?")) {
                update.setString(1, hashOf(replacement.values()));
                setText(update, 2, StringCodec.encodeList(replacement.values()));
                setText(update, 3, replacement.json());
                update.setLong(4, System.currentTimeMillis());
                update.setLong(5, id);
                update.executeUpdate();
            }
            catch (SQLException e) {
                throw alreadyExistsOr(e, replacement.values());
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_partition_values WHERE partition_id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            insertValues(connection, tableKey, id, keys, replacement.values());
            return null;
        }, "Cannot update partition %s", values);
    }

    @Override
    public boolean deletePartition(TableId table, List<String> values) {
        requireNonNull(values, "values is null");
        return work.inTransaction(connection -> {
            long tableKey = tableKeyOf(connection, table);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_partitions WHERE table_key = ? AND values_hash = ?")) {
                delete.setLong(1, tableKey);
                delete.setString(2, hashOf(values));
                return delete.executeUpdate() > 0;
            }
        }, "Cannot delete partition %s", values);
    }

    @Override
    public void retypePartitionValues(TableId table, List<PartitionKey> keys) {
        requireNonNull(keys, "keys is null");
        work.inTransaction(connection -> {
            long tableKey = tableKeyOf(connection, table);
            retype(connection, tableKey, keys);
            return null;
        }, "Cannot retype the partition values of table %s", table);
    }

    /**
     * Recomputes the table's typed numbers when its key types are not those they were computed with
     * (UpdateTable changed them), and records the types; a no-op lookup otherwise.
     */
    private static void ensureTyped(Connection connection, long tableKey, List<PartitionKey> keys) throws SQLException {
        String types = typesOf(keys);
        try (PreparedStatement select = connection.prepareStatement("SELECT key_types FROM catalog_partition_typing WHERE table_key = ?")) {
            select.setLong(1, tableKey);
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && row.getString(1).equals(types)) {
                    return;
                }
            }
        }
        retype(connection, tableKey, keys);
    }

    private static void retype(Connection connection, long tableKey, List<PartitionKey> keys) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT partition_id, key_index, value_text FROM catalog_partition_values WHERE table_key = ?");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE catalog_partition_values SET value_number = ? WHERE partition_id = ? AND key_index = ?")) {
            select.setLong(1, tableKey);
            int pending = 0;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int keyIndex = row.getInt("key_index");
                    String type = keyIndex < keys.size() ? keys.get(keyIndex).type() : "string";
                    setNumber(update, 1, TypedValue.of(type, row.getString("value_text")));
                    update.setLong(2, row.getLong("partition_id"));
                    update.setInt(3, keyIndex);
                    update.addBatch();
                    if (++pending == RETYPE_BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_partition_typing WHERE table_key = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO catalog_partition_typing (table_key, key_types) VALUES (?, ?)")) {
            delete.setLong(1, tableKey);
            delete.executeUpdate();
            insert.setLong(1, tableKey);
            setText(insert, 2, typesOf(keys));
            insert.executeUpdate();
        }
    }

    private static String typesOf(List<PartitionKey> keys) {
        return StringCodec.encodeList(keys.stream().map(key -> key.type().trim().toLowerCase(Locale.ROOT)).toList());
    }

    /** The table's catalog row key (see V4__catalog.sql); TABLE_NOT_FOUND when it was deleted. */
    private static long tableKeyOf(Connection connection, TableId table) throws SQLException {
        requireNonNull(table, "table is null");
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM catalog_tables WHERE catalog_id = ? AND database_name = ? AND name = ?")) {
            select.setString(1, table.catalogId());
            select.setString(2, table.databaseName());
            select.setString(3, table.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new EpoxyException(TABLE_NOT_FOUND, "Table not found: %s", table);
                }
                return row.getLong(1);
            }
        }
    }

    private static void insert(Connection connection, long tableKey, List<PartitionKey> keys, StoredPartition partition) throws SQLException {
        long now = System.currentTimeMillis();
        long id;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_PARTITION, new String[] {"id"})) {
            insert.setLong(1, tableKey);
            insert.setString(2, hashOf(partition.values()));
            setText(insert, 3, StringCodec.encodeList(partition.values()));
            setText(insert, 4, partition.json());
            insert.setLong(5, now);
            insert.setLong(6, now);
            insert.executeUpdate();
            try (ResultSet generated = insert.getGeneratedKeys()) {
                generated.next();
                id = generated.getLong(1);
            }
        }
        catch (SQLException e) {
            throw alreadyExistsOr(e, partition.values());
        }
        insertValues(connection, tableKey, id, keys, partition.values());
    }

    private static void insertValues(Connection connection, long tableKey, long partitionId, List<PartitionKey> keys, List<String> values)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_VALUE)) {
            addValues(insert, tableKey, partitionId, keys, values);
            insert.executeBatch();
        }
    }

    private static void addValues(PreparedStatement insert, long tableKey, long partitionId, List<PartitionKey> keys, List<String> values)
            throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            TypedValue typed = TypedValue.of(i < keys.size() ? keys.get(i).type() : "string", values.get(i));
            insert.setLong(1, partitionId);
            insert.setInt(2, i);
            insert.setLong(3, tableKey);
            setText(insert, 4, typed.text());
            setNumber(insert, 5, typed);
            insert.addBatch();
        }
    }

    private static void setNumber(PreparedStatement statement, int index, TypedValue value) throws SQLException {
        if (value.number().isPresent()) {
            statement.setBigDecimal(index, value.number().get());
        }
        else {
            statement.setNull(index, Types.DECIMAL);
        }
    }

    private static Optional<FoundPartition> find(Connection connection, long tableKey, List<String> values) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_BY_VALUES)) {
            select.setLong(1, tableKey);
            select.setString(2, hashOf(values));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static FoundPartition read(ResultSet row) throws SQLException {
        return new FoundPartition(row.getLong("id"),
                new StoredPartition(StringCodec.decodeList(row.getString("partition_values")), row.getString("partition_json")));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof String text) {
                setText(statement, i + 1, text);
            }
            else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    /** The identity of a partition's values; hashed from the text as stored (see {@link Columns#setText}). */
    static String hashOf(List<String> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String encoded = StringCodec.encodeList(values.stream().map(value -> value.replace('\0', '\uFFFD')).toList());
            return HexFormat.of().formatHex(digest.digest(encoded.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static EpoxyException alreadyExistsOr(SQLException e, List<String> values) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new EpoxyException(ALREADY_EXISTS, "Partition already exists: %s", values);
        }
        return new EpoxyException(INTERNAL, e, "Cannot write partition %s", values);
    }

    private static EpoxyException partitionNotFound(List<String> values) {
        return new EpoxyException(ENTITY_NOT_FOUND, "Partition not found: %s", values);
    }

    private static SqlDialect dialectOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? SqlDialect.POSTGRESQL : SqlDialect.H2;
        }
        catch (SQLException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot open the catalog database");
        }
    }

    private record FoundPartition(long id, StoredPartition partition) {}
}
