package dev.epoxy.core.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * Glue worker types with the capacity AWS documents for each. Epoxy maps them onto driver and
 * executor resources (see docs/architecture.md, "Worker types").
 */
public enum WorkerType {
    STANDARD("Standard", 1.0, 4, 16),
    G_025X("G.025X", 0.25, 2, 4),
    G_1X("G.1X", 1.0, 4, 16),
    G_2X("G.2X", 2.0, 8, 32),
    G_4X("G.4X", 4.0, 16, 64),
    G_8X("G.8X", 8.0, 32, 128),
    Z_2X("Z.2X", 2.0, 8, 64);

    private final String wireName;
    private final double dpu;
    private final int vcpus;
    private final int memoryGb;

    WorkerType(String wireName, double dpu, int vcpus, int memoryGb) {
        this.wireName = wireName;
        this.dpu = dpu;
        this.vcpus = vcpus;
        this.memoryGb = memoryGb;
    }

    public static Optional<WorkerType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    public String wireName() {
        return wireName;
    }

    /** Data processing units per worker, as billed. */
    public double dpu() {
        return dpu;
    }

    public int vcpus() {
        return vcpus;
    }

    public int memoryGb() {
        return memoryGb;
    }
}
