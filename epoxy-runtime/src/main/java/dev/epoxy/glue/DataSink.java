package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.catalog.CatalogAccess;
import dev.epoxy.glue.catalog.CatalogSink;
import dev.epoxy.glue.io.S3Writer;
import dev.epoxy.glue.jdbc.JdbcOptions;
import dev.epoxy.glue.jdbc.JdbcVendor;
import dev.epoxy.glue.jdbc.JdbcWriter;
import dev.epoxy.spark.catalog.write.UpdateBehavior;
import java.util.Locale;
import java.util.Optional;

/**
 * A configured sink: connection type and options, then a format with its options; with {@code
 * enableUpdateCatalog} and {@link #setCatalogInfo} it also updates a catalog table. Or a sink into a
 * catalog table ({@code write_dynamic_frame.from_catalog}).
 */
public final class DataSink {
    private final Optional<GlueContext> glueContext;
    private final Optional<CatalogSink> catalogTable;
    private final String connectionType;
    private final JsonOptions connectionOptions;
    private final String transformationContext;
    private String format;
    private JsonOptions formatOptions = JsonOptions.empty();
    private Optional<CatalogSink> catalogInfo = Optional.empty();

    DataSink(String connectionType, JsonOptions connectionOptions, String transformationContext) {
        this(Optional.empty(), Optional.empty(), connectionType, connectionOptions, transformationContext);
    }

    DataSink(GlueContext glueContext, String connectionType, JsonOptions connectionOptions, String transformationContext) {
        this(Optional.of(glueContext), Optional.empty(), connectionType, connectionOptions, transformationContext);
    }

    private DataSink(Optional<GlueContext> glueContext, Optional<CatalogSink> catalogTable, String connectionType,
            JsonOptions connectionOptions, String transformationContext) {
        this.glueContext = requireNonNull(glueContext, "glueContext is null");
        this.catalogTable = requireNonNull(catalogTable, "catalogTable is null");
        this.connectionType = requireNonNull(connectionType, "connectionType is null");
        this.connectionOptions = requireNonNull(connectionOptions, "connectionOptions is null");
        this.transformationContext = requireNonNull(transformationContext, "transformationContext is null");
        if (GlueContext.SPARK_SQL_FORMATS.contains(connectionType)) {
            this.format = connectionType;
        }
    }

    /** A sink into a catalog table; {@code additionalOptions} as {@code write_dynamic_frame.from_catalog} takes them. */
    static DataSink toCatalogTable(GlueContext glueContext, CatalogSink table, JsonOptions additionalOptions,
            String transformationContext) {
        return new DataSink(Optional.of(glueContext), Optional.of(table), "s3", additionalOptions, transformationContext);
    }

    /** {@link #setFormat(String, JsonOptions)} with the format options as a JSON object string. */
    // Called from Python via py4j
    public void setFormat(String format, String formatOptionsJson) {
        setFormat(format, JsonOptions.parse(formatOptionsJson));
    }

    /**
     * Sets the format (case-insensitive: json, csv, parquet, glueparquet, orc, avro) and its options,
     * replacing any earlier one. An unknown format fails when a frame is written.
     *
     * @throws GlueRuntimeException INVALID_INPUT if {@code newFormat} is null or blank
     */
    public DataSink setFormat(String newFormat, JsonOptions options) {
        checkInput(newFormat != null && !newFormat.isBlank(), "format is missing");
        this.format = newFormat.trim().toLowerCase(Locale.ROOT);
        this.formatOptions = requireNonNull(options, "options is null");
        return this;
    }

    /** Accepted for compatibility; Epoxy keeps no accumulable of written error records. */
    // Called from Python via py4j
    public void setAccumulableSize(int size) {
        checkInput(size >= 0, "accumulator_size must not be negative: %s", size);
    }

    /**
     * The catalog table an S3 sink with {@code enableUpdateCatalog} updates: created if missing, schema per
     * {@code updateBehavior}, new partitions added. Without {@code enableUpdateCatalog} the table is not touched.
     *
     * @throws GlueRuntimeException INVALID_INPUT when database or table is missing
     */
    // Called from Python via py4j
    public void setCatalogInfo(String catalogDatabase, String catalogTableName, String catalogId) {
        checkInput(catalogDatabase != null && !catalogDatabase.isBlank(), "catalogDatabase is missing");
        checkInput(catalogTableName != null && !catalogTableName.isBlank(), "catalogTableName is missing");
        GlueContext context = glueContext.orElseThrow(() -> GlueRuntimeException.invalidInput(
                "setCatalogInfo needs a sink made by a GlueContext"));
        this.catalogInfo = Optional.of(new CatalogSink(context, CatalogAccess.catalogId(catalogId), catalogDatabase, catalogTableName));
    }

    /**
     * Checks the frame's error thresholds, writes its records and returns the frame of its error
     * records, named {@code <frame name>_errors}.
     */
    // Called from Python via py4j
    public DynamicFrame writeDynamicFrame(DynamicFrame frame) {
        requireNonNull(frame, "frame is null");
        frame.assertErrorThreshold();
        if (catalogTable.isPresent()) {
            catalogTable.get().writeToTable(frame, connectionOptions);
            return frame.errorsAsDynamicFrame();
        }
        if (JdbcVendor.isJdbc(connectionType) || connectionType.equals("jdbc")) {
            GlueContext context = glueContext.orElseThrow(() -> GlueRuntimeException.invalidInput("A JDBC sink needs a GlueContext"));
            JdbcWriter.write(frame, JdbcOptions.connection(connectionType, connectionOptions, context.connections(),
                    CatalogAccess.catalogId(connectionOptions.getString("catalogId", ""))), connectionOptions);
            return frame.errorsAsDynamicFrame();
        }
        boolean updateCatalog = connectionOptions.getBoolean("enableUpdateCatalog", false);
        UpdateBehavior behavior = updateCatalog ? CatalogAccess.translated(
                () -> UpdateBehavior.parse(connectionOptions.getString("updateBehavior", ""))) : UpdateBehavior.LOG;
        if (updateCatalog && catalogInfo.isEmpty()) {
            throw GlueRuntimeException.invalidInput("enableUpdateCatalog needs the table: call setCatalogInfo(catalogDatabase=..., "
                    + "catalogTableName=...) before writeFrame");
        }
        org.apache.spark.sql.types.StructType written = S3Writer.write(frame, connectionType, connectionOptions, format, formatOptions);
        if (updateCatalog) {
            catalogInfo.get().updateAfterWrite(connectionOptions.getString("path", ""), format, formatOptions, written,
                    connectionOptions.getStringList("partitionKeys"), behavior);
        }
        return frame.errorsAsDynamicFrame();
    }

    /** {@link #writeDynamicFrame} for Python's {@code writeFrame(frame, info)}; the call site is not used yet. */
    // Called from Python via py4j
    public DynamicFrame pyWriteDynamicFrame(DynamicFrame frame, CallSite callSite, String info) {
        return writeDynamicFrame(frame);
    }

    /** The sink's {@code transformation_ctx}; empty when none was given. */
    public String transformationContext() {
        return transformationContext;
    }
}
