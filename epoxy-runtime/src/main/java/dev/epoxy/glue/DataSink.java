package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.io.S3Writer;
import java.util.Locale;

/** A configured sink: connection type and options, then a format with its options. */
public final class DataSink {
    private final String connectionType;
    private final JsonOptions connectionOptions;
    private final String transformationContext;
    private String format;
    private JsonOptions formatOptions = JsonOptions.empty();

    DataSink(String connectionType, JsonOptions connectionOptions, String transformationContext) {
        this.connectionType = requireNonNull(connectionType, "connectionType is null");
        this.connectionOptions = requireNonNull(connectionOptions, "connectionOptions is null");
        this.transformationContext = requireNonNull(transformationContext, "transformationContext is null");
        if (GlueContext.SPARK_SQL_FORMATS.contains(connectionType)) {
            this.format = connectionType;
        }
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

    /** @throws GlueRuntimeException NOT_SUPPORTED until the Data Catalog exists */
    // Called from Python via py4j
    public void setCatalogInfo(String catalogDatabase, String catalogTableName, String catalogId) {
        throw GlueContext.catalogNotAvailable(catalogDatabase, catalogTableName);
    }

    /**
     * Checks the frame's error thresholds, writes its records and returns the frame of its error
     * records, named {@code <frame name>_errors}.
     */
    // Called from Python via py4j
    public DynamicFrame writeDynamicFrame(DynamicFrame frame) {
        requireNonNull(frame, "frame is null");
        frame.assertErrorThreshold();
        S3Writer.write(frame, connectionType, connectionOptions, format, formatOptions);
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
