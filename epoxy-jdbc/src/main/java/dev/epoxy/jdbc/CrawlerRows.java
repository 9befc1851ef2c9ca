package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.Columns.getInstant;
import static dev.epoxy.jdbc.Columns.getOptionalInstant;
import static dev.epoxy.jdbc.Columns.getOptionalString;
import static dev.epoxy.jdbc.Columns.setOptionalInstant;
import static dev.epoxy.jdbc.Columns.setOptionalString;
import static dev.epoxy.jdbc.Columns.setText;

import dev.epoxy.core.crawler.CrawlStatus;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerMetrics;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.core.crawler.CrawlerState;
import dev.epoxy.core.crawler.DeleteBehavior;
import dev.epoxy.core.crawler.JdbcTarget;
import dev.epoxy.core.crawler.LastCrawl;
import dev.epoxy.core.crawler.RecrawlBehavior;
import dev.epoxy.core.crawler.S3Target;
import dev.epoxy.core.crawler.SchemaChangePolicy;
import dev.epoxy.core.crawler.UpdateBehavior;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL and the row mapping of {@code crawlers} (V6, with V7's document and uncrawled targets, V10's JDBC targets). */
final class CrawlerRows {
    private static final String COLUMNS = "name, role, database_name, description, s3_targets, classifiers, table_prefix, update_behavior, "
            + "delete_behavior, recrawl_behavior, configuration, schedule, security_configuration, state, crawl_started_on, "
            + "last_crawl_status, last_crawl_error_message, last_crawl_log_group, last_crawl_log_stream, last_crawl_message_prefix, "
            + "last_crawl_start_time, tables_created, tables_updated, tables_deleted, recent_runtimes, creation_time, last_updated, version, "
            + "uncrawled_targets, document, jdbc_targets";
    static final String SELECT = "SELECT " + COLUMNS + " FROM crawlers";
    static final String INSERT = "INSERT INTO crawlers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Binds like {@link #INSERT} (name first, ignored by the SET list), then the expected state. */
    static final String UPDATE = "UPDATE crawlers SET name = ?, role = ?, database_name = ?, description = ?, s3_targets = ?, classifiers = ?, "
            + "table_prefix = ?, update_behavior = ?, delete_behavior = ?, recrawl_behavior = ?, configuration = ?, schedule = ?, "
            + "security_configuration = ?, state = ?, crawl_started_on = ?, last_crawl_status = ?, last_crawl_error_message = ?, "
            + "last_crawl_log_group = ?, last_crawl_log_stream = ?, last_crawl_message_prefix = ?, last_crawl_start_time = ?, "
            + "tables_created = ?, tables_updated = ?, tables_deleted = ?, recent_runtimes = ?, creation_time = ?, last_updated = ?, "
            + "version = ?, uncrawled_targets = ?, document = ?, jdbc_targets = ? WHERE name = ? AND state = ?";
    static final int BOUND_COLUMNS = 31;

    private CrawlerRows() {}

    static void bind(PreparedStatement statement, Crawler crawler) throws SQLException {
        CrawlerSpec spec = crawler.spec();
        setText(statement, 1, crawler.name());
        setText(statement, 2, spec.role());
        setText(statement, 3, spec.databaseName());
        setOptionalString(statement, 4, spec.description());
        setText(statement, 5, StringCodec.encodeList(spec.s3Targets().stream().map(CrawlerRows::encodeTarget).toList()));
        setText(statement, 6, StringCodec.encodeList(spec.classifiers()));
        setOptionalString(statement, 7, spec.tablePrefix());
        statement.setString(8, spec.schemaChangePolicy().updateBehavior().name());
        statement.setString(9, spec.schemaChangePolicy().deleteBehavior().name());
        statement.setString(10, spec.recrawlBehavior().name());
        setOptionalString(statement, 11, spec.configuration());
        setOptionalString(statement, 12, spec.schedule());
        setOptionalString(statement, 13, spec.securityConfiguration());
        statement.setString(14, crawler.state().name());
        setOptionalInstant(statement, 15, crawler.crawlStartedOn());
        Optional<LastCrawl> last = crawler.lastCrawl();
        setOptionalString(statement, 16, last.map(crawl -> crawl.status().name()));
        setOptionalString(statement, 17, last.flatMap(LastCrawl::errorMessage));
        setOptionalString(statement, 18, last.map(LastCrawl::logGroup));
        setOptionalString(statement, 19, last.map(LastCrawl::logStream));
        setOptionalString(statement, 20, last.map(LastCrawl::messagePrefix));
        setOptionalInstant(statement, 21, last.map(LastCrawl::startTime));
        statement.setInt(22, crawler.metrics().tablesCreated());
        statement.setInt(23, crawler.metrics().tablesUpdated());
        statement.setInt(24, crawler.metrics().tablesDeleted());
        statement.setString(25, StringCodec.encodeList(crawler.metrics().recentRuntimesSeconds().stream().map(String::valueOf).toList()));
        statement.setLong(26, crawler.creationTime().toEpochMilli());
        statement.setLong(27, crawler.lastUpdated().toEpochMilli());
        statement.setLong(28, crawler.version());
        setText(statement, 29, StringCodec.encodeList(spec.uncrawledTargets()));
        setOptionalString(statement, 30, spec.document());
        setText(statement, 31, StringCodec.encodeList(spec.jdbcTargets().stream().map(CrawlerRows::encodeTarget).toList()));
    }

    static Crawler read(ResultSet row) throws SQLException {
        CrawlerSpec spec = new CrawlerSpec(
                row.getString("role"),
                row.getString("database_name"),
                getOptionalString(row, "description"),
                StringCodec.decodeList(row.getString("s3_targets")).stream().map(CrawlerRows::decodeTarget).toList(),
                getOptionalString(row, "jdbc_targets").map(StringCodec::decodeList).orElse(List.of()).stream().map(CrawlerRows::decodeJdbcTarget).toList(),
                getOptionalString(row, "uncrawled_targets").map(StringCodec::decodeList).orElse(List.of()),
                StringCodec.decodeList(row.getString("classifiers")),
                getOptionalString(row, "table_prefix"),
                new SchemaChangePolicy(UpdateBehavior.valueOf(row.getString("update_behavior")), DeleteBehavior.valueOf(row.getString("delete_behavior"))),
                RecrawlBehavior.valueOf(row.getString("recrawl_behavior")),
                getOptionalString(row, "configuration"),
                getOptionalString(row, "schedule"),
                getOptionalString(row, "security_configuration"),
                getOptionalString(row, "document"));
        Optional<LastCrawl> lastCrawl = Optional.empty();
        Optional<String> status = getOptionalString(row, "last_crawl_status");
        if (status.isPresent()) {
            lastCrawl = Optional.of(new LastCrawl(
                    CrawlStatus.valueOf(status.get()),
                    getOptionalString(row, "last_crawl_error_message"),
                    row.getString("last_crawl_log_group"),
                    row.getString("last_crawl_log_stream"),
                    row.getString("last_crawl_message_prefix"),
                    getInstant(row, "last_crawl_start_time")));
        }
        CrawlerMetrics metrics = new CrawlerMetrics(
                row.getInt("tables_created"),
                row.getInt("tables_updated"),
                row.getInt("tables_deleted"),
                StringCodec.decodeList(row.getString("recent_runtimes")).stream().map(Double::valueOf).toList());
        return new Crawler(
                row.getString("name"),
                spec,
                CrawlerState.valueOf(row.getString("state")),
                getOptionalInstant(row, "crawl_started_on"),
                lastCrawl,
                metrics,
                getInstant(row, "creation_time"),
                getInstant(row, "last_updated"),
                row.getLong("version"));
    }

    private static String encodeTarget(S3Target target) {
        return StringCodec.encodeList(List.of(target.path(), target.sampleSize().map(String::valueOf).orElse(""), StringCodec.encodeList(target.exclusions())));
    }

    private static String encodeTarget(JdbcTarget target) {
        return StringCodec.encodeList(List.of(target.connectionName(), target.path(), StringCodec.encodeList(target.exclusions()),
                StringCodec.encodeList(target.enableAdditionalMetadata())));
    }

    private static JdbcTarget decodeJdbcTarget(String encoded) {
        List<String> parts = StringCodec.decodeList(encoded);
        return new JdbcTarget(parts.get(0), parts.get(1), StringCodec.decodeList(parts.get(2)), StringCodec.decodeList(parts.get(3)));
    }

    private static S3Target decodeTarget(String encoded) {
        List<String> parts = StringCodec.decodeList(encoded);
        Optional<Integer> sampleSize = parts.get(1).isEmpty() ? Optional.empty() : Optional.of(Integer.valueOf(parts.get(1)));
        return new S3Target(parts.get(0), StringCodec.decodeList(parts.get(2)), sampleSize);
    }
}
