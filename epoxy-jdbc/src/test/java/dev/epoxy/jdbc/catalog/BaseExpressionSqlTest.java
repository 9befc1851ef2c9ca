package dev.epoxy.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.catalog.expression.BoundExpression;
import dev.epoxy.core.catalog.expression.PartitionExpression;
import dev.epoxy.core.catalog.expression.PartitionKey;
import dev.epoxy.core.catalog.expression.SqlDialect;
import dev.epoxy.core.catalog.expression.SqlPredicate;
import dev.epoxy.core.catalog.expression.TypedValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property test of the Expression engine's two evaluators: for random partitions and random
 * Expressions, the SQL run by a real database selects exactly the partitions that the in-memory
 * {@code test()} accepts. The value rows have the columns and types of {@code catalog_partition_values}.
 */
abstract class BaseExpressionSqlTest {
    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey("name", "string"),
            new PartitionKey("year", "int"),
            new PartitionKey("day", "date"),
            new PartitionKey("price", "decimal(10,2)"),
            new PartitionKey("at", "timestamp"),
            new PartitionKey("code", "varchar(8)"));
    // strings chosen to expose ordering, escaping and wildcard differences
    private static final List<String> TEXTS = List.of("", "a", "A", "b", "ab", "a%b", "a_b", "a\\b", "it's", "é", "z", "Z", "10", "9", "abc", " a", "日本", "%", "_");
    private static final List<String> INTEGERS = List.of("0", "1", "2", "9", "10", "-1", "007", "2026", "x", "1.5", "");
    private static final List<String> DATES = List.of("2026-01-01", "2026-02-01", "2025-12-31", "1970-01-01", "2026-2-1", "bad");
    private static final List<String> DECIMALS = List.of("0", "0.5", "1", "1.00", "12.50", "-3.25", "100", "1e2", "nope");
    private static final List<String> TIMESTAMPS = List.of("2026-02-01 10:30:00", "2026-02-01 10:30:00.5", "2026-02-01T00:00", "2026-02-01", "1999-12-31 23:59:59", "never");
    private static final List<List<String>> VALUES = List.of(TEXTS, INTEGERS, DATES, DECIMALS, TIMESTAMPS, TEXTS);
    private static final List<List<String>> LITERALS = List.of(
            quoted(TEXTS),
            List.of("0", "1", "2", "'9'", "10", "-1", "'007'", "2026", "1.5", "'10'"),
            quoted(List.of("2026-01-01", "2026-02-01", "2025-12-31", "1970-01-01")),
            List.of("0", "0.5", "1", "'1.00'", "12.5", "-3.25", "100", "1e2"),
            quoted(List.of("2026-02-01 10:30:00", "2026-02-01 10:30:00.5", "2026-02-01", "1999-12-31 23:59:59")),
            quoted(TEXTS));
    private static final List<String> PATTERNS = List.of("a%", "%b", "a_b", "%", "_", "a\\%b", "a\\_b", "a\\\\b", "%''%", "日%", "");
    private static final List<String> COMPARISONS = List.of("=", "<>", "!=", "<", "<=", ">", ">=");
    private static final int PARTITIONS = 300;
    private static final int EXPRESSIONS = 400;

    protected abstract Connection connect() throws SQLException;

    protected abstract SqlDialect dialect();

    @Test
    void sqlSelectsExactlyThePartitionsTheEvaluatorAccepts() throws SQLException {
        Random random = new Random(20260202);
        List<List<String>> partitions = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            List<String> values = new ArrayList<>();
            for (List<String> pool : VALUES) {
                values.add(pick(random, pool));
            }
            partitions.add(values);
        }
        try (Connection connection = connect()) {
            load(connection, partitions);
            int nonTrivial = 0;
            for (int i = 0; i < EXPRESSIONS; i++) {
                String text = expression(random, 3);
                BoundExpression expression = PartitionExpression.parse(text).bind(KEYS);
                Set<Integer> expected = new TreeSet<>();
                for (int id = 0; id < partitions.size(); id++) {
                    if (expression.test(partitions.get(id))) {
                        expected.add(id);
                    }
                }
                if (!expected.isEmpty() && expected.size() < partitions.size()) {
                    nonTrivial++;
                }
                assertThat(select(connection, expression)).as("partitions matching %s", text).isEqualTo(expected);
            }
            // the generator must produce selective predicates, or the comparison proves little
            assertThat(nonTrivial).isGreaterThan(EXPRESSIONS / 2);
        }
    }

    private static void load(Connection connection, List<List<String>> partitions) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE expression_partitions (id BIGINT NOT NULL PRIMARY KEY)");
            ddl.execute("CREATE TABLE expression_values (partition_id BIGINT NOT NULL, key_index INTEGER NOT NULL, "
                    + "value_text VARCHAR(1024) NOT NULL, value_number DECIMAL(38,9), PRIMARY KEY (partition_id, key_index))");
        }
        try (PreparedStatement partition = connection.prepareStatement("INSERT INTO expression_partitions VALUES (?)");
                PreparedStatement value = connection.prepareStatement("INSERT INTO expression_values VALUES (?, ?, ?, ?)")) {
            for (int id = 0; id < partitions.size(); id++) {
                partition.setLong(1, id);
                partition.addBatch();
                for (int key = 0; key < KEYS.size(); key++) {
                    TypedValue typed = TypedValue.of(KEYS.get(key).type(), partitions.get(id).get(key));
                    value.setLong(1, id);
                    value.setInt(2, key);
                    value.setString(3, typed.text());
                    value.setBigDecimal(4, typed.number().orElse(null));
                    value.addBatch();
                }
            }
            partition.executeBatch();
            value.executeBatch();
        }
    }

    private Set<Integer> select(Connection connection, BoundExpression expression) throws SQLException {
        SqlPredicate predicate = expression.toSql(key -> "v" + key, dialect());
        String joins = expression.referencedKeys().stream()
                .map(key -> " JOIN expression_values v%1$s ON v%1$s.partition_id = p.id AND v%1$s.key_index = %1$s".formatted(key))
                .collect(Collectors.joining());
        try (PreparedStatement query = connection.prepareStatement("SELECT p.id FROM expression_partitions p" + joins + " WHERE " + predicate.sql())) {
            for (int i = 0; i < predicate.parameters().size(); i++) {
                query.setObject(i + 1, predicate.parameters().get(i));
            }
            Set<Integer> ids = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
            return ids;
        }
    }

    private static String expression(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return condition(random);
        }
        return switch (random.nextInt(4)) {
            case 0 -> expression(random, depth - 1) + " AND " + expression(random, depth - 1);
            case 1 -> expression(random, depth - 1) + " or " + expression(random, depth - 1);
            case 2 -> "NOT " + expression(random, depth - 1);
            default -> "(" + expression(random, depth - 1) + ")";
        };
    }

    private static String condition(Random random) {
        int key = random.nextInt(KEYS.size());
        String name = random.nextBoolean() ? KEYS.get(key).name() : "`" + KEYS.get(key).name().toUpperCase(java.util.Locale.ROOT) + "`";
        List<String> literals = LITERALS.get(key);
        return switch (random.nextInt(6)) {
            case 0, 1 -> name + " " + pick(random, COMPARISONS) + " " + pick(random, literals);
            case 2 -> name + (random.nextBoolean() ? " NOT" : "") + " IN (" + pick(random, literals) + ", " + pick(random, literals) + ")";
            case 3 -> name + (random.nextBoolean() ? " NOT" : "") + " BETWEEN " + pick(random, literals) + " AND " + pick(random, literals);
            case 4 -> name + (random.nextBoolean() ? " NOT" : "") + " LIKE '" + pick(random, PATTERNS) + "'";
            default -> pick(random, literals) + " " + pick(random, COMPARISONS) + " " + name;
        };
    }

    private static List<String> quoted(List<String> values) {
        return values.stream().map(value -> "'" + value.replace("'", "''") + "'").toList();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

}
