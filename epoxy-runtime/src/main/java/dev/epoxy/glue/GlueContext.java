package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.catalog.CatalogAccess;
import dev.epoxy.glue.catalog.CatalogHousekeeping;
import dev.epoxy.glue.catalog.CatalogSink;
import dev.epoxy.glue.catalog.CatalogSource;
import dev.epoxy.glue.io.S3Purger;
import dev.epoxy.glue.jdbc.ConnectionResolver;
import dev.epoxy.glue.jdbc.GlueConnectionResolver;
import dev.epoxy.glue.jdbc.StorageCertificates;
import dev.epoxy.glue.jdbc.JdbcConnection;
import dev.epoxy.glue.jdbc.JdbcUrls;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.epoxy.spark.catalog.read.CatalogRelations;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The entry point of Glue scripts on the JVM: sources, sinks and S3 housekeeping over one
 * SparkSession. The Python {@code awsglue.context.GlueContext} holds one of these.
 */
public final class GlueContext {
    /** Formats read and written through Spark's own data sources (Glue routes them by format). */
    public static final Set<String> SPARK_SQL_FORMATS = Set.of("parquet", "orc");

    private final SparkSession spark;
    private final int minPartitions;
    private final int targetPartitions;
    private final CatalogAccess catalog;
    private volatile ConnectionResolver connections;

    /** A context over {@code spark} without minimum or target partitions. */
    // Called from Python via py4j
    public GlueContext(SparkSession spark) {
        this(spark, 0, 0);
    }

    /** Glue's Scala {@code new GlueContext(sc)}: a context over the session of {@code sparkContext}. */
    public GlueContext(SparkContext sparkContext) {
        this(SparkSession.builder().sparkContext(sparkContext).getOrCreate());
    }

    /** {@link #GlueContext(SparkContext)} with Glue's {@code minPartitions} and {@code targetPartitions}. */
    public GlueContext(SparkContext sparkContext, int minPartitions, int targetPartitions) {
        this(SparkSession.builder().sparkContext(sparkContext).getOrCreate(), minPartitions, targetPartitions);
    }

    /**
     * A context over {@code spark}; {@code minPartitions} and {@code targetPartitions} are Glue's
     * context options (0 = not set).
     *
     * @throws GlueRuntimeException INVALID_INPUT if either is negative
     */
    // Called from Python via py4j
    public GlueContext(SparkSession spark, int minPartitions, int targetPartitions) {
        this.spark = requireNonNull(spark, "spark is null");
        checkInput(minPartitions >= 0, "minPartitions must not be negative: %s", minPartitions);
        checkInput(targetPartitions >= 0, "targetPartitions must not be negative: %s", targetPartitions);
        this.minPartitions = minPartitions;
        this.targetPartitions = targetPartitions;
        this.catalog = new CatalogAccess(spark);
        this.connections = new GlueConnectionResolver(catalog, new StorageCertificates(spark.sparkContext().hadoopConfiguration()));
    }

    /** Where {@code connectionName} and {@code catalog_connection} are looked up: the Glue API's GetConnection. */
    public ConnectionResolver connections() {
        return connections;
    }

    /** Replaces the connection lookup (tests, and embedders without a Glue API). */
    public void setConnectionResolver(ConnectionResolver resolver) {
        this.connections = requireNonNull(resolver, "resolver is null");
    }

    /** The Data Catalog of this context's driver (the Glue API of the Epoxy server that launched it). */
    public CatalogAccess catalog() {
        return catalog;
    }

    /** The SparkSession every source, sink and transform of this context uses. */
    public SparkSession sparkSession() {
        return spark;
    }

    /** Glue's Scala accessor, the same as {@link #sparkSession()}. */
    public SparkSession getSparkSession() {
        return spark;
    }

    /** The {@code minPartitions} context option; 0 when not set. */
    public int minPartitions() {
        return minPartitions;
    }

    /** The {@code targetPartitions} context option; 0 when not set. */
    public int targetPartitions() {
        return targetPartitions;
    }

    /**
     * A source of {@code connectionType} with connection options (JSON object). For {@code s3}
     * the options hold {@code paths} and the S3 options; the format is set with {@link
     * DataSource#setFormat}. A format of parquet or orc replaces the connection type as Glue does.
     * {@code pushDownPredicate} (Spark SQL over the columns, typically Hive partition columns) filters
     * the records; for parquet/orc/avro Spark prunes partitions with it. Blank means none.
     *
     * @throws GlueRuntimeException NOT_SUPPORTED for connection types Epoxy does not offer yet
     */
    // Called from Python via py4j
    public DataSource getSource(String connectionType, String connectionOptionsJson, String transformationContext,
            String pushDownPredicate) {
        JsonOptions options = JsonOptions.parse(connectionOptionsJson);
        return new DataSource(this, normalizeConnectionType(connectionType), options,
                transformationContext == null ? "" : transformationContext, pushDownPredicate == null ? "" : pushDownPredicate);
    }

    /** {@link #getSource(String, String, String, String)} for Java callers: no transformation context, no predicate. */
    public DataSource getSource(String connectionType, JsonOptions options) {
        return new DataSource(this, normalizeConnectionType(connectionType), options, "", "");
    }

    /**
     * A sink of {@code connectionType}; for {@code s3} the options hold {@code path} and
     * optionally {@code partitionKeys} and {@code compression}.
     */
    // Called from Python via py4j
    public DataSink getSink(String connectionType, String connectionOptionsJson, String transformationContext) {
        return new DataSink(this, normalizeConnectionType(connectionType), JsonOptions.parse(connectionOptionsJson),
                transformationContext == null ? "" : transformationContext);
    }

    /** {@link #getSink(String, String, String)} for Java callers, without a transformation context. */
    public DataSink getSink(String connectionType, JsonOptions options) {
        return new DataSink(this, normalizeConnectionType(connectionType), options, "");
    }

    /**
     * {@code write_dynamic_frame.from_jdbc_conf}: a sink into the database of Glue connection {@code catalogConnection};
     * {@code connectionOptionsJson} holds {@code dbtable} and optionally {@code database} (replacing the URL's) and
     * {@code bulkSize}. {@code redshiftTmpDir} is unused.
     */
    // Called from Python via py4j
    public DataSink getJDBCSink(String catalogConnection, String connectionOptionsJson, String redshiftTmpDir, String transformationContext,
            String catalogId) {
        checkInput(catalogConnection != null && !catalogConnection.isBlank(), "catalog_connection is missing");
        JsonOptions options = JsonOptions.parse(connectionOptionsJson).with("connectionName", catalogConnection);
        if (catalogId != null && !catalogId.isBlank()) {
            options = options.with("catalogId", catalogId);
        }
        return new DataSink(this, "jdbc", options, transformationContext == null ? "" : transformationContext);
    }

    /**
     * {@code extract_jdbc_conf}: the Glue connection's {@code user}, {@code password}, {@code vendor}, {@code url}
     * (protocol, host and port only, as Glue's deprecated key), {@code fullUrl} (as entered) and {@code enforceSSL}
     * (a string, as on Glue).
     *
     * @throws GlueRuntimeException NOT_FOUND for an unknown connection
     */
    // Called from Python via py4j
    public Map<String, String> extractJDBCConf(String connectionName, String catalogId) {
        checkInput(connectionName != null && !connectionName.isBlank(), "connection_name is missing");
        JdbcConnection connection = connections.resolve(connectionName, CatalogAccess.catalogId(catalogId));
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("user", connection.user());
        conf.put("password", connection.password());
        conf.put("vendor", connection.vendor().connectionType());
        conf.put("url", JdbcUrls.hostAndPort(connection.url()));
        conf.put("fullUrl", connection.url());
        conf.put("enforceSSL", String.valueOf(connection.enforceSsl()));
        conf.put("customJDBCCert", "");
        conf.put("skipCustomJDBCCertValidation", "false");
        conf.put("customJDBCCertString", "");
        return conf;
    }

    /**
     * Deletes the files under an {@code s3://} (or any Hadoop) path recursively, keeping files
     * newer than {@code retentionPeriod} hours (default 168). Options: {@code retentionPeriod},
     * {@code excludeStorageClasses} (accepted, no storage classes locally), {@code
     * manifestFilePath} (writes Success.csv / Failed.csv there).
     */
    // Called from Python via py4j
    public void purgeS3Path(String path, String optionsJson, String transformationContext) {
        S3Purger.purge(spark, path, JsonOptions.parse(optionsJson));
    }

    /** The logger of {@code glueContext.get_logger()}: messages go to the driver log. */
    // Called from Python via py4j
    public GlueLogger getLogger() {
        return new GlueLogger();
    }

    /**
     * A source over the Data Catalog table {@code database.tableName} ({@code from_catalog}): format,
     * SerDe options, location and schema come from the table, partition keys are the last columns. {@code
     * pushDownPredicate} (Spark SQL over the partition keys; blank = none) selects the partitions before
     * any file is listed; {@code additionalOptionsJson} may hold {@code catalogPartitionPredicate} (a
     * Glue expression the catalog evaluates) and Spark reader options. {@code redshiftTmpDir} is unused.
     * The table is read when the frame is requested.
     *
     * @throws GlueRuntimeException when the frame is requested: NOT_FOUND for a missing table or location,
     *     INVALID_INPUT for a bad predicate or an unreadable table definition
     */
    // Called from Python via py4j
    public DataSource getCatalogSource(String database, String tableName, String redshiftTmpDir, String transformationContext,
            String pushDownPredicate, String additionalOptionsJson, String catalogId) {
        checkTable(database, tableName);
        CatalogSource source = new CatalogSource(this, CatalogAccess.catalogId(catalogId), database, tableName,
                pushDownPredicate == null ? "" : pushDownPredicate, JsonOptions.parse(additionalOptionsJson));
        return DataSource.fromCatalog(this, source, transformationContext == null ? "" : transformationContext);
    }

    /**
     * A sink into the Data Catalog table {@code database.tableName} ({@code write_dynamic_frame.from_catalog}):
     * location, format and partition keys come from the table and new partitions are registered; with
     * {@code enableUpdateCatalog} in {@code additionalOptionsJson} the table schema follows {@code
     * updateBehavior}.
     */
    // Called from Python via py4j
    public DataSink getCatalogSink(String database, String tableName, String redshiftTmpDir, String transformationContext,
            String additionalOptionsJson, String catalogId) {
        checkTable(database, tableName);
        return DataSink.toCatalogTable(this, new CatalogSink(this, CatalogAccess.catalogId(catalogId), database, tableName),
                JsonOptions.parse(additionalOptionsJson), transformationContext == null ? "" : transformationContext);
    }

    /**
     * The table's schema as Spark's: data columns, then partition keys.
     *
     * @throws GlueRuntimeException NOT_FOUND when the table does not exist
     */
    // Called from Python via py4j
    public org.apache.spark.sql.types.StructType getCatalogSchemaAsSparkSchema(String database, String tableName, String catalogId) {
        checkTable(database, tableName);
        return CatalogAccess.translated(() -> CatalogRelations.schema(catalog.glue(), CatalogAccess.catalogId(catalogId), database,
                tableName));
    }

    /**
     * {@code purge_table}: deletes the table's files older than {@code retentionPeriod} hours (default 168),
     * in the partitions {@code partitionPredicate} (Spark SQL over the partition keys) selects, and removes
     * from the catalog the partitions left without files. {@code manifestFilePath} receives Success.csv and
     * Failed.csv.
     */
    // Called from Python via py4j
    public void purgeTable(String database, String tableName, String optionsJson, String transformationContext, String catalogId) {
        checkTable(database, tableName);
        CatalogHousekeeping.purgeTable(this, CatalogAccess.catalogId(catalogId), database, tableName, JsonOptions.parse(optionsJson));
    }

    /**
     * {@code transition_table}: checks the table and options, then fails: Epoxy's local S3 storage has a
     * single storage class, so there is nothing to transition to.
     *
     * @throws GlueRuntimeException NOT_SUPPORTED always (NOT_FOUND for a missing table, INVALID_INPUT for
     *     missing options first)
     */
    // Called from Python via py4j
    public void transitionTable(String database, String tableName, String transitionTo, String optionsJson,
            String transformationContext, String catalogId) {
        checkTable(database, tableName);
        CatalogHousekeeping.transitionTable(this, CatalogAccess.catalogId(catalogId), database, tableName, transitionTo,
                JsonOptions.parse(optionsJson));
    }

    private static void checkTable(String database, String tableName) {
        checkInput(database != null && !database.isBlank(), "Parameter name_space or database is missing.");
        checkInput(tableName != null && !tableName.isBlank(), "Parameter table_name is missing.");
    }

    private static String normalizeConnectionType(String connectionType) {
        checkInput(connectionType != null && !connectionType.isBlank(), "connection_type is missing");
        return connectionType.trim().toLowerCase(Locale.ROOT);
    }
}
