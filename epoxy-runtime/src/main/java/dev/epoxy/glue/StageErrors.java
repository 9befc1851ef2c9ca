package dev.epoxy.glue;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The error records one stage (a read or a transform) produced, with the thresholds that stage was
 * given. {@code errors} is empty when the stage cannot produce errors (typed Catalyst stages): then
 * counting needs no Spark job. The count is computed once and remembered.
 */
public final class StageErrors {
    private final String stageName;
    private final Optional<Dataset<Row>> errors;
    private final long stageThreshold;
    private final long totalThreshold;
    private final AtomicLong count = new AtomicLong(-1);

    StageErrors(String stageName, Optional<Dataset<Row>> errors, long stageThreshold, long totalThreshold) {
        this.stageName = requireNonNull(stageName, "stageName is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.stageThreshold = stageThreshold;
        this.totalThreshold = totalThreshold;
    }

    public String stageName() {
        return stageName;
    }

    /** The error dataset (schema {@link ErrorRecords#SCHEMA}); empty when the stage had none. */
    public Optional<Dataset<Row>> errors() {
        return errors;
    }

    public long stageThreshold() {
        return stageThreshold;
    }

    public long totalThreshold() {
        return totalThreshold;
    }

    public boolean hasThresholds() {
        return stageThreshold > 0 || totalThreshold > 0;
    }

    /** Number of error records; runs a Spark job the first time unless the stage had none. */
    public long count() {
        long known = count.get();
        if (known >= 0) {
            return known;
        }
        long counted = errors.map(Dataset::count).orElse(0L);
        count.set(counted);
        return counted;
    }
}
