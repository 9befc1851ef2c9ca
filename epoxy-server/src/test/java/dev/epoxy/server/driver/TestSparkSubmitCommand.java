package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestSparkSubmitCommand {
    @Test
    void driverRunsUnderSetsidSoItLeadsItsOwnProcessGroup() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.ui.killEnabled", "false");
        conf.put("spark.epoxy.session-id", "a b");
        SparkSubmitCommand command = new SparkSubmitCommand(Optional.of(Path.of("/usr/bin/setsid")), Path.of("/opt/spark"), "local[*]", "epoxy-s1",
                "dev.epoxy.driver.DriverMain", Path.of("/opt/epoxy/driver/epoxy-driver-1.jar"), conf, Optional.of(Path.of("/srv/epoxy/secret.properties")));
        assertThat(command.command()).containsExactly(
                "/usr/bin/setsid", "--wait", "/opt/spark/bin/spark-submit",
                "--master", "local[*]", "--deploy-mode", "client", "--name", "epoxy-s1",
                "--conf", "spark.ui.killEnabled=false", "--conf", "spark.epoxy.session-id=a b",
                "--properties-file", "/srv/epoxy/secret.properties",
                "--class", "dev.epoxy.driver.DriverMain", "/opt/epoxy/driver/epoxy-driver-1.jar");
    }

    @Test
    void withoutSetsidSparkSubmitRunsDirectly() {
        SparkSubmitCommand command = new SparkSubmitCommand(Optional.empty(), Path.of("/opt/spark"), "spark://m:7077", "epoxy-s1",
                "dev.epoxy.driver.DriverMain", Path.of("/d.jar"), Map.of(), Optional.empty());
        assertThat(command.command()).isEqualTo(List.of("/opt/spark/bin/spark-submit", "--master", "spark://m:7077", "--deploy-mode", "client",
                "--name", "epoxy-s1", "--class", "dev.epoxy.driver.DriverMain", "/d.jar"));
    }

    @Test
    void pythonApplicationHasNoClassAndItsArgumentsFollowIt() {
        SparkSubmitCommand command = new SparkSubmitCommand(Optional.empty(), Path.of("/opt/spark"), "local[2]", "epoxy-job-j", Optional.empty(),
                Path.of("/dist/python/epoxy_jobrun/__main__.py"), Map.of("spark.ui.enabled", "false"), Optional.empty(), List.of("/run/job.py", "--JOB_NAME", "j"));
        assertThat(command.command()).containsExactly("/opt/spark/bin/spark-submit", "--master", "local[2]", "--deploy-mode", "client", "--name", "epoxy-job-j",
                "--conf", "spark.ui.enabled=false", "/dist/python/epoxy_jobrun/__main__.py", "/run/job.py", "--JOB_NAME", "j");
    }

    @Test
    void settingsThatAreNotSparkSettingsAreRefused() {
        assertThatThrownBy(() -> new SparkSubmitCommand(Optional.empty(), Path.of("/opt/spark"), "local[*]", "n", "C", Path.of("/d.jar"),
                Map.of("hive.metastore", "x"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'hive.metastore' is not a Spark setting (they start with 'spark.')");
    }
}
