package dev.epoxy.glue;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The error records of a frame's whole lineage: one {@link StageErrors} per stage, oldest first,
 * the last being the stage that produced the frame. Frames derived from two inputs (join, union)
 * concatenate both logs, keeping a shared ancestor stage once.
 */
public final class ErrorLog {
    private final List<StageErrors> stages;

    private ErrorLog(List<StageErrors> stages) {
        this.stages = List.copyOf(stages);
    }

    static ErrorLog start(StageErrors first) {
        return new ErrorLog(List.of(first));
    }

    ErrorLog append(StageErrors stage) {
        List<StageErrors> next = new ArrayList<>(stages);
        next.add(stage);
        return new ErrorLog(next);
    }

    /** The lineage of two inputs (this one first), each stage once, followed by {@code stage}. */
    ErrorLog appendAfterMerge(ErrorLog other, StageErrors stage) {
        Set<StageErrors> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<StageErrors> next = new ArrayList<>();
        for (StageErrors entry : stages) {
            if (seen.add(entry)) {
                next.add(entry);
            }
        }
        for (StageErrors entry : other.stages) {
            if (seen.add(entry)) {
                next.add(entry);
            }
        }
        next.add(stage);
        return new ErrorLog(next);
    }

    public List<StageErrors> stages() {
        return stages;
    }

    public StageErrors lastStage() {
        return stages.get(stages.size() - 1);
    }

    public long totalCount() {
        long total = 0;
        for (StageErrors stage : stages) {
            total += stage.count();
        }
        return total;
    }

    /** All error records of the lineage, schema {@link ErrorRecords#SCHEMA}. */
    public Dataset<Row> allErrors(SparkSession spark) {
        requireNonNull(spark, "spark is null");
        Optional<Dataset<Row>> union = Optional.empty();
        for (StageErrors stage : stages) {
            if (stage.errors().isPresent()) {
                Dataset<Row> errors = stage.errors().get();
                union = Optional.of(union.map(previous -> previous.unionByName(errors)).orElse(errors));
            }
        }
        return union.orElseGet(() -> spark.createDataFrame(List.<Row>of(), ErrorRecords.SCHEMA));
    }

    /**
     * Checks every stage's thresholds in lineage order: a stage fails when it added more than its
     * stageThreshold, or when the lineage up to it holds more than its totalThreshold. Only stages
     * up to the last one with a threshold are counted, so a lineage without thresholds runs no job.
     *
     * @throws GlueRuntimeException ERROR_THRESHOLD_EXCEEDED naming the stage and the counts
     */
    public void checkThresholds() {
        int last = -1;
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).hasThresholds()) {
                last = i;
            }
        }
        long total = 0;
        // Stages after the last one with a threshold cannot fail: their errors are not counted.
        for (StageErrors stage : stages.subList(0, last + 1)) {
            long count = stage.count();
            total += count;
            if (stage.stageThreshold() > 0 && count > stage.stageThreshold()) {
                throw new GlueRuntimeException(GlueRuntimeException.Kind.ERROR_THRESHOLD_EXCEEDED,
                        "Stage %s produced %s error records, more than its stageThreshold of %s",
                        stage.stageName(), count, stage.stageThreshold());
            }
            if (stage.totalThreshold() > 0 && total > stage.totalThreshold()) {
                throw new GlueRuntimeException(GlueRuntimeException.Kind.ERROR_THRESHOLD_EXCEEDED,
                        "Frames up to stage %s hold %s error records, more than its totalThreshold of %s",
                        stage.stageName(), total, stage.totalThreshold());
            }
        }
    }
}
