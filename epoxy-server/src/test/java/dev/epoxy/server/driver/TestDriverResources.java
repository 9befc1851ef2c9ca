package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.WorkerType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestDriverResources {
    @Test
    void localModeRunsOneJvmWithTheLocalDriverMemoryAndRecordsTheWorkers() {
        assertThat(DriverResources.sparkConf(Capacity.ofWorkers(WorkerType.G_2X, 10), "local[*]", "3g")).isEqualTo(Map.of(
                "spark.epoxy.worker-type", "G.2X",
                "spark.epoxy.number-of-workers", "10",
                "spark.driver.memory", "3g"));
    }

    @Test
    void clusterModeMakesOneWorkerTheDriverAndTheRestExecutors() {
        Map<String, String> conf = DriverResources.sparkConf(Capacity.ofWorkers(WorkerType.G_1X, 5), "spark://cluster:7077", "2g");
        assertThat(conf).containsEntry("spark.executor.instances", "4")
                .containsEntry("spark.executor.cores", "4")
                .containsEntry("spark.executor.memory", "10g")
                .containsEntry("spark.driver.memory", "10g")
                .containsEntry("spark.cores.max", "16")
                .containsEntry("spark.epoxy.worker-type", "G.1X")
                .containsEntry("spark.epoxy.number-of-workers", "5");
    }

    @Test
    void clusterModeKeepsAtLeastOneExecutor() {
        Map<String, String> conf = DriverResources.sparkConf(Capacity.ofWorkers(WorkerType.G_1X, 1), "spark://cluster:7077", "2g");
        assertThat(conf).containsEntry("spark.executor.instances", "1").containsEntry("spark.cores.max", "4");
    }

    @Test
    void executorMemoryIsFiveEighthsOfTheWorkersMemory() {
        // Worker memory per AWS: G.025X 4 GB, G.1X 16, G.2X 32, G.4X 64, G.8X 128, Z.2X 64.
        assertThat(DriverResources.executorMemoryGb(WorkerType.G_025X)).isEqualTo(2);
        assertThat(DriverResources.executorMemoryGb(WorkerType.G_1X)).isEqualTo(10);
        assertThat(DriverResources.executorMemoryGb(WorkerType.G_2X)).isEqualTo(20);
        assertThat(DriverResources.executorMemoryGb(WorkerType.G_4X)).isEqualTo(40);
        assertThat(DriverResources.executorMemoryGb(WorkerType.G_8X)).isEqualTo(80);
        assertThat(DriverResources.executorMemoryGb(WorkerType.Z_2X)).isEqualTo(40);
    }

    @Test
    void clusterExecutorsGetTheWorkerTypesVcpus() {
        assertThat(DriverResources.sparkConf(Capacity.ofWorkers(WorkerType.G_8X, 3), "spark://h:7077", "2g"))
                .containsEntry("spark.executor.cores", "32")
                .containsEntry("spark.cores.max", "64")
                .containsEntry("spark.executor.memory", "80g");
    }

    @Test
    void localMastersAreRecognised() {
        assertThat(DriverResources.isLocal("local")).isTrue();
        assertThat(DriverResources.isLocal("local[2]")).isTrue();
        assertThat(DriverResources.isLocal("local[*]")).isTrue();
        assertThat(DriverResources.isLocal("local-cluster[2,1,1024]")).isTrue();
        assertThat(DriverResources.isLocal("spark://localhost:7077")).isFalse();
    }
}
