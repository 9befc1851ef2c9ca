package dev.epoxy.server.driver;

import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.WorkerType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a session's WorkerType × NumberOfWorkers onto Spark resources (docs/architecture.md,
 * "Worker types").
 *
 * <ul>
 *   <li>Local mode ({@code local…} masters): one JVM runs the driver and the tasks; its memory is
 *       {@code epoxy.session.local-driver-memory} and the workers are only recorded.
 *   <li>Cluster mode (any other master, e.g. {@code spark://host:port}): as in Glue, one worker is
 *       the driver and the others are executors; each executor gets the worker type's vCPUs and
 *       5/8 of its memory (the rest is left to overhead and the OS, as Glue's G.1X runs 10g executors
 *       on 16 GB workers).
 * </ul>
 */
public final class DriverResources {
    private DriverResources() {}

    /** The Spark confs for a session of {@code capacity} on {@code master}. */
    public static Map<String, String> sparkConf(Capacity capacity, String master, String localDriverMemory) {
        Map<String, String> conf = new LinkedHashMap<>();
        WorkerType workerType = capacity.workerType();
        conf.put("spark.epoxy.worker-type", workerType.wireName());
        conf.put("spark.epoxy.number-of-workers", String.valueOf(capacity.numberOfWorkers()));
        if (isLocal(master)) {
            conf.put("spark.driver.memory", localDriverMemory);
            return conf;
        }
        int executors = Math.max(1, capacity.numberOfWorkers() - 1);
        String memory = executorMemoryGb(workerType) + "g";
        conf.put("spark.driver.memory", memory);
        conf.put("spark.executor.instances", String.valueOf(executors));
        conf.put("spark.executor.cores", String.valueOf(workerType.vcpus()));
        conf.put("spark.executor.memory", memory);
        conf.put("spark.cores.max", String.valueOf(executors * workerType.vcpus()));
        return conf;
    }

    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[") || master.startsWith("local-cluster[");
    }

    static int executorMemoryGb(WorkerType workerType) {
        return Math.max(1, workerType.memoryGb() * 5 / 8);
    }
}
