package dev.epoxy.glue.jdbc;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.bookmark.JdbcBookmark;
import dev.epoxy.glue.job.Job;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDBC sources ({@code from_options} with a JDBC {@code connection_type}, {@code from_catalog} over a JDBC table): a
 * table ({@code dbtable}) or a query ({@code sampleQuery}) read through Spark's JDBC data source, split over {@link
 * HashPartitions} (one query each), narrowed by {@code filterPredicate} and a job bookmark, all in the SQL the database
 * runs. A {@code push_down_predicate} filters the frame, and Spark pushes what it can of it into those queries.
 */
public final class JdbcReader {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReader.class);
    private static final String SAMPLE_ALIAS = "epoxy_sample_query";

    private JdbcReader() {}

    public static DynamicFrame read(GlueContext glueContext, JdbcConnection connection, JsonOptions options, StageContext stage,
            String pushDownPredicate) {
        MySqlFamilyDialect.register();
        SparkSession spark = glueContext.sparkSession();
        Map<String, String> sparkOptions = JdbcOptions.sparkOptions(connection, options);
        Optional<String> sampleQuery = options.getString("sampleQuery").filter(value -> !value.isBlank());
        String table = sampleQuery.isPresent() ? "" : JdbcOptions.requiredTable(options, "A JDBC source without sampleQuery");
        String what = sampleQuery.isPresent() ? "run sampleQuery" : "read table " + table;
        String relation = sampleQuery.map(query -> "(" + query + ") " + SAMPLE_ALIAS).orElse(table);
        JdbcVendor vendor = connection.vendor();
        JdbcDialect dialect = JdbcDialects.get(connection.url());
        Properties properties = new Properties();
        sparkOptions.forEach(properties::setProperty);
        HashPartitions hash = HashPartitions.of(options);
        boolean split = hash.isSplit() && (sampleQuery.isEmpty() || options.getBoolean("enablePartitioningForSampleQuery", false));
        String schemaRelation = relation;
        if (split && sampleQuery.isPresent()) {
            // Glue appends each partition's condition to such a query, so it must end with WHERE or AND.
            String tail = sampleQuery.get().strip().toLowerCase(Locale.ROOT);
            checkInput(tail.endsWith(" where") || tail.endsWith(" and"), "With enablePartitioningForSampleQuery, sampleQuery must end "
                    + "with WHERE or AND, to which each partition's condition is appended: %s", sampleQuery.get());
            schemaRelation = "(" + sampleQuery.get() + " 1 = 1) " + SAMPLE_ALIAS;
        }
        try {
            // Resolving the schema connects: bad credentials, an unreachable host or a missing table fail here.
            StructType schema = spark.read().format("jdbc").options(sparkOptions).option("dbtable", schemaRelation).load().schema();
            List<String> conditions = new ArrayList<>();
            options.getString("filterPredicate").filter(value -> !value.isBlank()).ifPresent(predicate -> conditions.add("(" + predicate + ")"));
            Optional<JdbcBookmarkedRead> bookmarked = bookmarkedRead(stage, options, schema, connection, sparkOptions, table);
            if (bookmarked.isPresent()) {
                bookmarked.get().condition(connection, sparkOptions, relation).ifPresent(conditions::add);
            }
            Optional<String> hashColumn = split ? hash.hashField().map(field -> column(schema, field, "hashfield", what)) : Optional.empty();
            List<String> partitions;
            if (!split) {
                partitions = List.of();
            } else if (hash.hashExpression().isEmpty() && hash.partitions() > 1 && isWholeNumber(schema, hashColumn.orElseThrow())) {
                String quoted = dialect.quoteIdentifier(hashColumn.get());
                String boundsRelation = sampleQuery.isPresent() ? schemaRelation : relation;
                partitions = JdbcBounds.of(connection, sparkOptions, boundsRelation, quoted, and(conditions))
                        .map(bounds -> hash.rangePredicates(quoted, bounds.min(), bounds.max()))
                        .orElse(List.of("1 = 1"));
            } else {
                partitions = hash.predicates(vendor, hashColumn.map(dialect::quoteIdentifier));
            }
            Dataset<Row> rows;
            if (split && sampleQuery.isPresent()) {
                // Glue appends each partition's condition to the query, which ends with WHERE or AND.
                rows = null;
                for (String partition : partitions) {
                    String partitionRelation = "(" + sampleQuery.get() + " " + partition + ") " + SAMPLE_ALIAS;
                    Dataset<Row> part = spark.read().jdbc(connection.url(), partitionRelation, new String[] {and(conditions)}, properties);
                    rows = rows == null ? part : rows.union(part);
                }
            } else if (split) {
                String[] predicates = partitions.stream().map(partition -> and(with(conditions, partition))).toArray(String[]::new);
                rows = spark.read().jdbc(connection.url(), relation, predicates, properties);
            } else if (!conditions.isEmpty()) {
                rows = spark.read().jdbc(connection.url(), relation, new String[] {and(conditions)}, properties);
            } else {
                rows = spark.read().format("jdbc").options(sparkOptions).option("dbtable", relation).load();
            }
            if (!pushDownPredicate.isBlank()) {
                rows = rows.where(pushDownPredicate);
                rows.schema();
            }
            String name = table.isEmpty() ? SAMPLE_ALIAS : table.substring(table.lastIndexOf('.') + 1);
            return DynamicFrame.fromSource(glueContext, rows, Optional.empty(), name, stage);
        } catch (GlueRuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Spark's AnalysisException is checked in Java's eyes; SQLExceptions arrive wrapped.
            if (e.getClass().getName().equals("org.apache.spark.sql.AnalysisException") && !pushDownPredicate.isBlank()) {
                throw GlueRuntimeException.invalidInput("Cannot apply push_down_predicate %s: %s", pushDownPredicate,
                        e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
            }
            throw JdbcErrors.translate(e, connection, what);
        }
    }

    /**
     * The column of {@code schema} named {@code name}, as the schema spells it (names match case-insensitively).
     *
     * @throws GlueRuntimeException INVALID_INPUT naming the option, the column and the columns there are
     */
    static String column(StructType schema, String name, String option, String what) {
        for (StructField field : schema.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.name();
            }
        }
        throw GlueRuntimeException.invalidInput("%s %s is not a column (cannot %s); the columns are: %s", option, name, what,
                Arrays.stream(schema.fieldNames()).collect(Collectors.joining(", ")));
    }

    private static boolean isWholeNumber(StructType schema, String column) {
        DataType type = schema.apply(column).dataType();
        return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType;
    }

    private static Optional<JdbcBookmarkedRead> bookmarkedRead(StageContext stage, JsonOptions options, StructType schema,
            JdbcConnection connection, Map<String, String> sparkOptions, String table) throws SQLException {
        List<String> keys = options.getStringList("jobBookmarkKeys");
        boolean sampleQuery = table.isEmpty();
        if (keys.isEmpty()) {
            if (sampleQuery || !Job.bookmarks().bookmarks(stage.transformationContext())) {
                return Optional.empty();
            }
            // Glue's default bookmark key is the table's primary key (which it expects to increase with every row).
            keys = JdbcPrimaryKey.of(connection, sparkOptions, table);
            if (keys.isEmpty()) {
                LOG.warn("The bookmarked JDBC source {} names no jobBookmarkKeys and table {} has no primary key: it is read whole "
                        + "on every run", stage.transformationContext(), table);
                return Optional.empty();
            }
        }
        JdbcBookmark.SortOrder order = JdbcBookmark.SortOrder.fromOption(options.getString("jobBookmarkKeysSortOrder", ""));
        List<String> columns = new ArrayList<>();
        for (String key : keys) {
            columns.add(column(schema, key, "jobBookmarkKeys", "bookmark the source"));
        }
        Optional<dev.epoxy.glue.bookmark.JobBookmarks.JdbcRange> range = Job.bookmarks().jdbcRange(stage.transformationContext(),
                columns, order);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        checkInput(!sampleQuery, "jobBookmarkKeys cannot be used with sampleQuery: Glue does not bookmark queries");
        return Optional.of(new JdbcBookmarkedRead(stage.transformationContext(), range.get()));
    }

    private static List<String> with(List<String> conditions, String condition) {
        List<String> all = new ArrayList<>(conditions);
        all.add(condition);
        return all;
    }

    private static String and(List<String> conditions) {
        return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
    }
}
