package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.INTERNAL;
import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.catalog.partition.PartitionStore;
import dev.epoxy.core.connection.ConnectionStore;
import dev.epoxy.core.crawler.CrawlerStore;
import dev.epoxy.core.job.JobStore;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.tag.TagStore;
import dev.epoxy.jdbc.catalog.JdbcCatalogStore;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every JDBC store over one HikariCP pool on the settings' JDBC URL, whose one schema history Flyway
 * migrates once from {@code classpath:db/migration} (V1, V2 sessions; V3 tags; V4 the catalog; V5 partitions; V6 crawlers; V8 jobs; later
 * versions the other families). A new store is one field built from {@link #dataSource()} in the constructor, one accessor
 * and, if it has background work, one line in {@link #close()}.
 */
public final class JdbcStores implements Stores {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

    private static final int MAX_POOL_SIZE = 8;
    // H2 waits 1 s for a row lock by default; concurrent createStatement calls queue on the session row.
    private static final String H2_INIT_SQL = "SET LOCK_TIMEOUT 10000";
    // H2 flushes commits to the file up to 500 ms late by default, so a killed server would lose them.
    private static final String H2_DURABLE_COMMITS = ";WRITE_DELAY=0";
    // H2 closes the database in its own JVM shutdown hook by default, under the server's feet while
    // the server's hook still stops sessions and the purge; the server closes the store itself.
    private static final String H2_CLOSED_BY_THE_SERVER = ";DB_CLOSE_ON_EXIT=FALSE";
    // With WRITE_DELAY=0 H2 does no housekeeping while open: the space of purged history is reused
    // inside the file, and the file shrinks when the database closes, compacting for up to this
    // long (H2's default is 200 ms). Its online compaction (MVStore.compactFile) failed an internal
    // assertion and closed the database in our tests, even with no other transaction running.
    private static final String H2_COMPACT_ON_CLOSE = ";MAX_COMPACT_TIME=5000";
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password|pwd)=[^&;]*");

    private final HikariDataSource pool;
    private final JdbcSessionStore sessions;
    private final JdbcTagStore tags;
    private final JdbcCatalogStore catalog;
    private final JdbcCrawlerStore crawlers;
    private final JdbcPartitionStore partitions;
    private final JdbcJobStore jobs;
    private final JdbcConnectionStore connections;

    private JdbcStores(HikariDataSource pool) {
        this.pool = pool;
        this.sessions = new JdbcSessionStore(pool);
        this.tags = new JdbcTagStore(pool);
        this.catalog = new JdbcCatalogStore(pool);
        this.crawlers = new JdbcCrawlerStore(pool);
        this.partitions = new JdbcPartitionStore(pool);
        this.jobs = new JdbcJobStore(pool);
        this.connections = new JdbcConnectionStore(pool);
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws EpoxyException {@code INTERNAL} when the database cannot be reached or migrated
     */
    public static JdbcStores open(StoreSettings settings) {
        requireNonNull(settings, "settings is null");
        String redactedUrl = redactUrl(settings.jdbcUrl());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(settings));
        }
        catch (RuntimeException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot connect to the store at %s", redactedUrl);
        }
        try {
            migrate(pool, settings.arns(), redactedUrl);
            return new JdbcStores(pool);
        }
        catch (RuntimeException e) {
            pool.close();
            throw e instanceof EpoxyException ? e : new EpoxyException(INTERNAL, e, "Cannot migrate the store at %s", redactedUrl);
        }
    }

    /** The pool every JDBC store of this server shares. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public TagStore tags() {
        return tags;
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public CrawlerStore crawlers() {
        return crawlers;
    }

    @Override
    public PartitionStore partitions() {
        return partitions;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public ConnectionStore connections() {
        return connections;
    }

    @Override
    public void close() {
        try {
            sessions.close();
        }
        finally {
            pool.close();
        }
    }

    /** Values of the {@code ${...}} placeholders in migrations: V3 builds the ARNs of existing sessions' tags. */
    static Map<String, String> placeholders(GlueArns arns) {
        return Map.of("region", arns.region(), "account_id", arns.accountId());
    }

    /** The URL with any {@code password=} parameter masked, for logs and messages. */
    static String redactUrl(String jdbcUrl) {
        return URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1=***");
    }

    /** H2 URLs get {@code WRITE_DELAY=0}, {@code DB_CLOSE_ON_EXIT=FALSE} and {@code MAX_COMPACT_TIME=5000} unless they set these themselves. */
    static String effectiveUrl(String jdbcUrl) {
        if (!isH2(jdbcUrl)) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(Locale.ROOT);
        String url = jdbcUrl;
        if (!upper.contains(";WRITE_DELAY=")) {
            url += H2_DURABLE_COMMITS;
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            url += H2_CLOSED_BY_THE_SERVER;
        }
        if (!upper.contains(";MAX_COMPACT_TIME=")) {
            url += H2_COMPACT_ON_CLOSE;
        }
        return url;
    }

    private static boolean isH2(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    private static HikariConfig poolConfig(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("epoxy-store");
        config.setJdbcUrl(effectiveUrl(settings.jdbcUrl()));
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(1);
        if (isH2(settings.jdbcUrl())) {
            config.setConnectionInitSql(H2_INIT_SQL);
        }
        return config;
    }

    private static void migrate(HikariDataSource pool, GlueArns arns, String redactedUrl) {
        MigrateResult result = Flyway.configure(JdbcStores.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/migration")
                .placeholders(placeholders(arns))
                .load()
                .migrate();
        for (MigrateOutput migration : result.migrations) {
            LOG.info("Applied store migration V{} ({}) in {} ms", migration.version, migration.description, migration.executionTime);
        }
        LOG.info("Store at {} is at schema version {}", redactedUrl, result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
    }
}
