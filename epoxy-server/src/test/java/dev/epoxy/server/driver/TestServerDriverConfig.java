package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestServerDriverConfig {
    private static final Path HOME = Path.of("/srv/epoxy");
    private static final DriverGlueEndpoint GLUE = new DriverGlueEndpoint(URI.create("http://127.0.0.1:9911"), "us-east-1", "123456789012");

    @Test
    void configuredConfsOverrideTheStorageDefaultsAndTheGlueEndpointOverridesEverything() {
        DriverLaunchConfig base = DriverLaunchConfig.defaults().withHome(HOME)
                .withSparkConf(Map.of(StorageSparkConf.S3_IMPL, "org.example.OtherFileSystem", "spark.epoxy.glue.endpoint", "http://elsewhere:1"));

        DriverLaunchConfig layered = ServerDriverConfig.layered(base, StorageConfig.defaults(), HOME, Optional.of(URI.create("http://127.0.0.1:9912")), GLUE);

        assertThat(layered.sparkConf()).containsEntry(StorageSparkConf.S3_IMPL, "org.example.OtherFileSystem");
        assertThat(layered.sparkConf()).containsAllEntriesOf(GLUE.sparkConf());
        assertThat(layered.sparkConf()).containsEntry(StorageSparkConf.LOCAL_S3_ROOT, StorageSparkConf.localS3Root(HOME).toString());
        assertThat(layered.driverEnvironment()).containsAllEntriesOf(GLUE.driverEnvironment());
        assertThat(layered.extraJarDirectories()).isEmpty();
    }
}
