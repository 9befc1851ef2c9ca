package dev.epoxy.core.job;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.WorkerType;
import java.util.Optional;

/**
 * What a job (or one run) is allocated: WorkerType × NumberOfWorkers, or a bare MaxCapacity in DPUs
 * (Glue before 2.0, and Python shell jobs). {@link #maxCapacity()} is always the DPU total.
 */
public record JobCapacity(Optional<WorkerType> workerType, Optional<Integer> numberOfWorkers, double maxCapacity) {
    /** Spark jobs without any capacity get Glue's default of 10 DPUs: 10 × G.1X from Glue 2.0 on. */
    static final int DEFAULT_SPARK_DPUS = 10;
    /** Python shell jobs: 0.0625 DPU by default, or 1. */
    static final double PYTHON_SHELL_DEFAULT_DPU = 0.0625;

    public JobCapacity {
        requireNonNull(workerType, "workerType is null");
        requireNonNull(numberOfWorkers, "numberOfWorkers is null");
        if (workerType.isPresent() != numberOfWorkers.isPresent()) {
            throw new IllegalArgumentException("workerType and numberOfWorkers go together");
        }
    }

    public static JobCapacity ofWorkers(WorkerType workerType, int numberOfWorkers) {
        return new JobCapacity(Optional.of(workerType), Optional.of(numberOfWorkers), workerType.dpu() * numberOfWorkers);
    }

    public static JobCapacity ofMaxCapacity(double maxCapacity) {
        return new JobCapacity(Optional.empty(), Optional.empty(), maxCapacity);
    }

    /** The capacity as the launcher takes it (a bare MaxCapacity as ceil(N) G.1X workers, as sessions record it). */
    public Capacity toLaunchCapacity() {
        return workerType.map(type -> Capacity.ofWorkers(type, numberOfWorkers.orElseThrow())).orElseGet(() -> Capacity.ofMaxCapacity(maxCapacity));
    }

    /**
     * The capacity the members ask for, with Glue's rules (reference B3): WorkerType and NumberOfWorkers
     * together or not at all, never with MaxCapacity; Spark jobs of Glue 2.0 and later take workers, not
     * MaxCapacity; Python shell jobs take MaxCapacity 0.0625 or 1, not workers. Nothing given means
     * Glue's default (10 × G.1X, 10 DPUs before Glue 2.0, 0.0625 DPU for Python shell).
     *
     * @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} naming the member that breaks a rule
     */
    public static JobCapacity resolve(JobCommandName command, String glueVersion, Optional<String> workerType, Optional<Integer> numberOfWorkers,
            Optional<Double> maxCapacity) {
        checkInput(workerType.isPresent() == numberOfWorkers.isPresent(),
                "Invalid capacity: WorkerType and NumberOfWorkers must be set together (got %s)", workerType.isPresent() ? "WorkerType only" : "NumberOfWorkers only");
        checkInput(maxCapacity.isEmpty() || workerType.isEmpty(), "Invalid capacity: do not set MaxCapacity when using WorkerType and NumberOfWorkers");
        if (!command.isSpark()) {
            if (command == JobCommandName.GLUERAY && workerType.isPresent()) {
                return workers(workerType.get(), numberOfWorkers.get());
            }
            checkInput(workerType.isEmpty(), "Invalid capacity: %s jobs take MaxCapacity (0.0625 or 1), not WorkerType", command.wireName());
            double dpu = maxCapacity.orElse(PYTHON_SHELL_DEFAULT_DPU);
            checkInput(command != JobCommandName.PYTHONSHELL || dpu == PYTHON_SHELL_DEFAULT_DPU || dpu == 1.0,
                    "Invalid MaxCapacity: %s (Python shell jobs take 0.0625 or 1)", dpu);
            return ofMaxCapacity(dpu);
        }
        if (workerType.isPresent()) {
            return workers(workerType.get(), numberOfWorkers.get());
        }
        if (GlueVersions.atLeast(glueVersion, "2.0")) {
            checkInput(maxCapacity.isEmpty(), "Invalid capacity: Glue %s jobs cannot set MaxCapacity; set WorkerType and NumberOfWorkers", glueVersion);
            return ofWorkers(WorkerType.G_1X, DEFAULT_SPARK_DPUS);
        }
        double dpu = maxCapacity.orElse((double) DEFAULT_SPARK_DPUS);
        checkInput(dpu >= 2 && dpu <= 100 && dpu == Math.rint(dpu), "Invalid MaxCapacity: %s (Spark jobs take 2 to 100 whole DPUs)", dpu);
        return ofMaxCapacity(dpu);
    }

    private static JobCapacity workers(String workerType, int numberOfWorkers) {
        WorkerType type = WorkerType.fromWireName(workerType).orElseThrow(() ->
                new dev.epoxy.core.EpoxyException(dev.epoxy.core.ErrorCode.INVALID_INPUT, "Invalid WorkerType: %s", workerType));
        checkInput(numberOfWorkers >= 1, "Invalid NumberOfWorkers: %s (at least 1)", numberOfWorkers);
        return ofWorkers(type, numberOfWorkers);
    }
}
