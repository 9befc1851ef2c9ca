package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSparkDriverLauncherSetup {
    @TempDir
    Path home;

    private DriverLinkServer linkServer;

    @BeforeEach
    void setUp() {
        linkServer = DriverLinkServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void tearDown() {
        linkServer.close();
    }

    @Test
    void distWithoutDriverDirectoryIsNamed() {
        Path dist = home.resolve("dist");
        SparkDriverLauncher launcher = new SparkDriverLauncher(DriverLaunchConfig.defaults().withHome(home).withDistDir(dist), linkServer);
        assertThatThrownBy(launcher::checkSetup)
                .isInstanceOf(EpoxyException.class)
                .hasMessage("The Epoxy distribution has no directory %s; build it with mvn package or set epoxy.dist-dir", dist.resolve("driver"));
    }

    @Test
    void distWithoutDriverJarIsNamed() throws IOException {
        Path dist = home.resolve("dist");
        Files.createDirectories(dist.resolve("driver"));
        Files.createFile(dist.resolve("driver").resolve("epoxy-driver-protocol-1.0.jar"));
        SparkDriverLauncher launcher = new SparkDriverLauncher(DriverLaunchConfig.defaults().withHome(home).withDistDir(dist), linkServer);
        assertThatThrownBy(launcher::checkSetup)
                .isInstanceOf(EpoxyException.class)
                .hasMessage("The Epoxy distribution %s has no driver/epoxy-driver-*.jar; build it with mvn package or set epoxy.dist-dir", dist);
    }

    @Test
    void sparkHomeWithoutSparkSubmitIsNamed() throws IOException {
        Path dist = home.resolve("dist");
        Files.createDirectories(dist.resolve("driver"));
        Files.createFile(dist.resolve("driver").resolve("epoxy-driver-1.0.jar"));
        Path sparkHome = home.resolve("spark");
        SparkDriverLauncher launcher = new SparkDriverLauncher(DriverLaunchConfig.defaults().withHome(home).withDistDir(dist).withSparkHome(sparkHome), linkServer);
        assertThatThrownBy(launcher::checkSetup)
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Spark home %s has no executable bin/spark-submit; set epoxy.session.spark-home to a Spark 3.5 distribution or the pyspark package directory", sparkHome);
    }

    @Test
    void pythonThatCannotRunIsNamed() throws IOException {
        Path dist = home.resolve("dist");
        Files.createDirectories(dist.resolve("driver"));
        Files.createFile(dist.resolve("driver").resolve("epoxy-driver-1.0.jar"));
        SparkDriverLauncher launcher = new SparkDriverLauncher(DriverLaunchConfig.defaults().withHome(home).withDistDir(dist).withPython("/nonexistent/python3"), linkServer);
        assertThatThrownBy(launcher::checkSetup)
                .isInstanceOf(EpoxyException.class)
                .hasMessageStartingWith("Cannot run the Python interpreter /nonexistent/python3 (epoxy.session.python) to find Spark: ");
    }
}
