package dev.epoxy.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.driver.DriverLinkServer;
import dev.epoxy.server.driver.SessionDirectories;
import dev.epoxy.server.driver.SparkDriverHandle;
import dev.epoxy.server.driver.SparkDriverLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drivers that die or cannot start: each test launches its own. */
class TestSparkDriverFailures {
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private Path home;
    private DriverLinkServer linkServer;
    private SparkDriverHandle driver;

    @BeforeEach
    void setUp() {
        home = TestingDrivers.newHome();
        linkServer = TestingDrivers.linkServer();
    }

    @AfterEach
    void tearDown() {
        try {
            if (driver != null) {
                driver.stop();
                driver.pid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
        finally {
            linkServer.close();
            TestingDrivers.deleteRecursively(home);
        }
    }

    @Test
    void pythonCallingOsExitFailsTheRunningStatementAndTheDriver() {
        RecordingDriverListener listener = new RecordingDriverListener();
        driver = launch("exits", TestingDrivers.config(home), listener);
        awaitReady(listener, "exits");
        driver.runStatement(1, "import os\nos._exit(1)");

        String reason = listener.awaitFailure(Duration.ofSeconds(30));
        assertThat(reason).isEqualTo("The Python interpreter exited with code 1 while running statement 1 (driver log: "
                + SessionDirectories.under(home).driverLogOf("exits") + ")");
        RecordingDriverListener.Completion completion = listener.awaitCompletion(1, Duration.ofSeconds(5));
        assertThat(completion.state()).isEqualTo(StatementState.ERROR);
        assertThat(completion.output().orElseThrow().status()).isEqualTo(OutputStatus.ERROR);
        awaitProcessGone();
    }

    @Test
    void killingTheDriverWithSigkillFailsItWithinSecondsAndItsPythonGoesToo() {
        RecordingDriverListener listener = new RecordingDriverListener();
        driver = launch("killed", TestingDrivers.config(home), listener);
        awaitReady(listener, "killed");
        long pid = driver.pid().orElseThrow();
        ProcessHandle python = ProcessHandle.of(pid).orElseThrow().descendants()
                .filter(process -> process.info().arguments().map(arguments -> Arrays.asList(arguments).contains("epoxy_repl")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no epoxy_repl process under the driver"));
        // The marker file (in the driver's working directory) proves Python is inside the statement.
        driver.runStatement(1, "import time\nopen('sleeping', 'w').close()\ntime.sleep(600)");
        Path marker = SessionDirectories.under(home).directoryOf("killed").resolve("sleeping");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(marker));

        long killedAt = System.nanoTime();
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
        String reason = listener.awaitFailure(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(reason).startsWith("The session driver was killed by signal 9 (SIGKILL); see its log ")
                .endsWith(SessionDirectories.under(home).driverLogOf("killed").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !python.isAlive());
    }

    @Test
    void badSparkHomeFailsNamingIt() {
        Path missing = home.resolve("no-spark-here");
        RecordingDriverListener listener = new RecordingDriverListener();
        driver = launch("bad-spark-home", TestingDrivers.config(home).withSparkHome(missing), listener);
        assertThat(listener.awaitFailure(Duration.ofSeconds(10)))
                .isEqualTo("Spark home " + missing + " has no executable bin/spark-submit; "
                        + "set epoxy.session.spark-home to a Spark 3.5 distribution or the pyspark package directory");
    }

    @Test
    void badPythonWithoutSparkHomeFailsNamingIt() {
        RecordingDriverListener listener = new RecordingDriverListener();
        driver = launch("bad-python", TestingDrivers.config(home).withPython("/nonexistent/python3").withDefaultSparkHome(), listener);
        assertThat(listener.awaitFailure(Duration.ofSeconds(10)))
                .startsWith("Cannot run the Python interpreter /nonexistent/python3 (epoxy.session.python) to find Spark: ");
    }

    @Test
    void badPythonWithASparkHomeFailsInTheDriverNamingIt() {
        Path sparkHome = TestingDrivers.sparkHome();
        RecordingDriverListener listener = new RecordingDriverListener();
        driver = launch("bad-python-driver", TestingDrivers.config(home).withSparkHome(sparkHome).withPython("/nonexistent/python3"), listener);
        assertThat(listener.awaitFailure(STARTUP))
                .isEqualTo("Cannot start the Python interpreter /nonexistent/python3: No such file or directory "
                        + "(epoxy.session.python must name a Python with pyspark installed) (driver log: "
                        + SessionDirectories.under(home).driverLogOf("bad-python-driver") + ")");
        awaitProcessGone();
    }

    @Test
    void stopEndsTheDriverProcessAndTheSparkUiUrlIsKnownWhileItRuns() {
        RecordingDriverListener listener = new RecordingDriverListener();
        DriverLaunchConfig config = TestingDrivers.config(home);
        Map<String, String> sparkConf = new HashMap<>(config.sparkConf());
        sparkConf.put("spark.ui.enabled", "true");
        driver = launch("stopped", config.withSparkConf(sparkConf), listener);
        awaitReady(listener, "stopped");
        assertThat(driver.dashboardUrl()).hasValueSatisfying(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+"));
        driver.stop();
        listener.awaitStopped(Duration.ofSeconds(30));
        assertThat(listener.failures()).isEmpty();
        awaitProcessGone();
    }

    private SparkDriverHandle launch(String sessionId, DriverLaunchConfig config, RecordingDriverListener listener) {
        return (SparkDriverHandle) new SparkDriverLauncher(config, linkServer).launch(TestingDrivers.session(sessionId), listener);
    }

    private void awaitReady(RecordingDriverListener listener, String sessionId) {
        try {
            listener.awaitReady(STARTUP);
        }
        catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nDriver log:\n" + TestingDrivers.driverLog(home, sessionId), e);
        }
    }

    private void awaitProcessGone() {
        long pid = driver.pid().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true));
    }
}
