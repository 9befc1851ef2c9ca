package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

/**
 * The compute a session asked for. Glue accepts either WorkerType + NumberOfWorkers or a bare
 * MaxCapacity; a bare MaxCapacity of N is recorded as ceil(N) G.1X workers so that every session
 * reports all three members.
 */
public record Capacity(WorkerType workerType, int numberOfWorkers, double maxCapacity) {
    public Capacity {
        requireNonNull(workerType, "workerType is null");
        if (numberOfWorkers < 1) {
            throw new IllegalArgumentException("numberOfWorkers must be positive: " + numberOfWorkers);
        }
    }

    public static Capacity ofWorkers(WorkerType workerType, int numberOfWorkers) {
        return new Capacity(workerType, numberOfWorkers, workerType.dpu() * numberOfWorkers);
    }

    public static Capacity ofMaxCapacity(double maxCapacity) {
        return new Capacity(WorkerType.G_1X, (int) Math.ceil(maxCapacity), maxCapacity);
    }

    /** DPUs billed per second of activity. */
    public double dpu() {
        return maxCapacity;
    }
}
