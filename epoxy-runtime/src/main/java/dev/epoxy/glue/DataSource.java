package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.catalog.CatalogSource;
import dev.epoxy.glue.io.S3Reader;
import dev.epoxy.glue.jdbc.JdbcOptions;
import dev.epoxy.glue.jdbc.JdbcReader;
import dev.epoxy.glue.jdbc.JdbcVendor;
import dev.epoxy.glue.job.Job;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A configured source: connection type and options, then a format with its options; or a Data Catalog
 * table, whose format comes from the table.
 */
public final class DataSource {
    private final GlueContext glueContext;
    private final String connectionType;
    private final JsonOptions connectionOptions;
    private final String transformationContext;
    private final String pushDownPredicate;
    private final Optional<CatalogSource> catalogSource;
    private String format;
    private JsonOptions formatOptions = JsonOptions.empty();

    DataSource(GlueContext glueContext, String connectionType, JsonOptions connectionOptions, String transformationContext,
            String pushDownPredicate) {
        this(glueContext, connectionType, connectionOptions, transformationContext, pushDownPredicate, Optional.empty());
    }

    private DataSource(GlueContext glueContext, String connectionType, JsonOptions connectionOptions, String transformationContext,
            String pushDownPredicate, Optional<CatalogSource> catalogSource) {
        this.catalogSource = requireNonNull(catalogSource, "catalogSource is null");
        this.glueContext = requireNonNull(glueContext, "glueContext is null");
        this.connectionType = requireNonNull(connectionType, "connectionType is null");
        this.connectionOptions = requireNonNull(connectionOptions, "connectionOptions is null");
        this.transformationContext = requireNonNull(transformationContext, "transformationContext is null");
        this.pushDownPredicate = requireNonNull(pushDownPredicate, "pushDownPredicate is null");
        if (GlueContext.SPARK_SQL_FORMATS.contains(connectionType)) {
            this.format = connectionType;
        }
    }

    /** A source over a catalog table; its push-down predicate is the catalog source's. */
    static DataSource fromCatalog(GlueContext glueContext, CatalogSource source, String transformationContext) {
        return new DataSource(glueContext, "s3", JsonOptions.empty(), transformationContext, "", Optional.of(source));
    }

    /** {@link #setFormat(String, JsonOptions)} with the format options as a JSON object string. */
    // Called from Python via py4j
    public void setFormat(String format, String formatOptionsJson) {
        setFormat(format, JsonOptions.parse(formatOptionsJson));
    }

    /**
     * Sets the format (case-insensitive: json, csv, parquet, orc, avro) and its options, replacing
     * any earlier one. An unknown format fails when the frame is read.
     *
     * @throws GlueRuntimeException INVALID_INPUT if {@code newFormat} is null or blank
     */
    public DataSource setFormat(String newFormat, JsonOptions options) {
        checkInput(newFormat != null && !newFormat.isBlank(), "format is missing");
        this.format = newFormat.trim().toLowerCase(Locale.ROOT);
        this.formatOptions = requireNonNull(options, "options is null");
        return this;
    }

    /**
     * Reads the frame. Its name is the common prefix of the paths without scheme and separators,
     * as Glue names source frames. With a {@code transformation_ctx} under an enabled or paused job
     * bookmark ({@link Job}), only the files new since the bookmark are read (an empty frame if none).
     *
     * @throws GlueRuntimeException NOT_FOUND naming a path that does not exist; INVALID_INPUT for a
     *     missing or unknown format; NOT_SUPPORTED for other connection types
     */
    // Called from Python via py4j
    public DynamicFrame getDynamicFrame() {
        if (catalogSource.isPresent()) {
            // The table decides the format; a setFormat on a catalog source is ignored, as on Glue.
            return catalogSource.get().read(StageContext.of(transformationContext));
        }
        if (JdbcVendor.isJdbc(connectionType)) {
            return JdbcReader.read(glueContext, JdbcOptions.connection(connectionType, connectionOptions, glueContext.connections(),
                    Optional.empty()), connectionOptions, StageContext.of(transformationContext), pushDownPredicate);
        }
        DynamicFrame frame = S3Reader.read(glueContext, connectionType, connectionOptions, format, formatOptions,
                StageContext.of(transformationContext), paths -> Job.bookmarks().s3Filter(transformationContext, paths));
        if (pushDownPredicate.isBlank()) {
            return frame;
        }
        try {
            Dataset<Row> filtered = frame.dataset().where(pushDownPredicate);
            filtered.schema();
            return frame.withSourceRecords(filtered);
        } catch (Exception e) {
            // Spark's AnalysisException and ParseException are checked in Java's eyes.
            throw GlueRuntimeException.invalidInput("Cannot apply push_down_predicate %s: %s", pushDownPredicate,
                    e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * {@link #getDynamicFrame()}, repartitioned to {@code max(minPartitions, targetPartitions)} when
     * it has fewer than {@code minPartitions} partitions.
     */
    // Called from Python via py4j
    public DynamicFrame getDynamicFrame(int minPartitions, int targetPartitions) {
        DynamicFrame frame = getDynamicFrame();
        int wanted = Math.max(minPartitions, targetPartitions);
        if (wanted > 0 && frame.getNumPartitions() < minPartitions) {
            return frame.withSourceRecords(frame.dataset().repartition(wanted));
        }
        return frame;
    }

    /**
     * The first {@code num} records (Glue's sample frames); sample options such as {@code
     * maxSamplePartitions} are accepted, the sample is simply the first records Spark produces.
     */
    // Called from Python via py4j
    public DynamicFrame getSampleDynamicFrame(int num, String sampleOptionsJson) {
        checkInput(num >= 0, "num must not be negative: %s", num);
        JsonOptions.parse(sampleOptionsJson);
        DynamicFrame frame = getDynamicFrame();
        return frame.withSourceRecords(frame.dataset().limit(num));
    }

    /** The records as a Spark DataFrame (choices as structs). */
    // Called from Python via py4j
    public Dataset<Row> getDataFrame() {
        return getDynamicFrame().toDF();
    }

    /** The normalized (lower-case) connection type, after a parquet/orc format replaced it. */
    public String connectionType() {
        return connectionType;
    }
}
