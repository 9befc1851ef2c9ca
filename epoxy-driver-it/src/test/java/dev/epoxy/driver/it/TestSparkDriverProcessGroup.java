package dev.epoxy.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.statement.StatementState;
import dev.epoxy.driver.protocol.ProcessGroup;
import dev.epoxy.server.driver.DriverLinkServer;
import dev.epoxy.server.driver.SparkDriverHandle;
import dev.epoxy.server.driver.SparkDriverLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 6, finding 7: what a statement starts lives in the driver's session (its process group or the interpreter's) and dies with it. */
class TestSparkDriverProcessGroup {
    private static final String START_PROCESSES = String.join("\n",
            "import os, subprocess, time",
            "child = subprocess.Popen(['sleep', '1000'])",
            "daemon = int(subprocess.run('sleep 1000 > /dev/null 2>&1 & echo $!', shell=True, capture_output=True, text=True).stdout)",
            "forked = os.fork()",
            "if forked == 0:",
            "    time.sleep(1000)",
            "    os._exit(0)",
            "print(child.pid, daemon, forked)");

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
    void driverLeadsItsOwnSessionAndWhatItsStatementsStartIsInIt() {
        RecordingDriverListener listener = start("group");
        long pid = driver.pid().orElseThrow();
        assertThat(ProcessGroup.groupOf(pid)).hasValue(pid);
        assertThat(ProcessGroup.sessionOf(pid)).hasValue(pid);
        List<Long> started = runStartProcesses(listener);
        for (long process : started) {
            // The interpreter leads a group of its own (a cancel kills its tree alone), inside the driver's session.
            assertThat(ProcessGroup.sessionOf(process)).as("session of %s", process).hasValue(pid);
            assertThat(ProcessGroup.groupOf(process)).as("group of %s", process).isNotEqualTo(java.util.OptionalLong.of(pid));
        }
    }

    @Test
    void processesAStatementStartedDieWhenTheDriverIsStopped() {
        RecordingDriverListener listener = start("stopped");
        List<Long> started = runStartProcesses(listener);
        driver.stop();
        listener.awaitStopped(Duration.ofSeconds(60));
        awaitGone(started);
    }

    @Test
    void processesAStatementStartedDieWhenTheDriverIsKilledWithSigkill() {
        // The driver cannot clean up after SIGKILL; the server kills what is left of its group.
        RecordingDriverListener listener = start("killed");
        List<Long> started = runStartProcesses(listener);
        assertThat(ProcessHandle.of(driver.pid().orElseThrow()).orElseThrow().destroyForcibly()).isTrue();
        listener.awaitFailure(Duration.ofSeconds(30));
        awaitGone(started);
    }

    private RecordingDriverListener start(String sessionId) {
        RecordingDriverListener listener = new RecordingDriverListener();
        driver = (SparkDriverHandle) new SparkDriverLauncher(TestingDrivers.config(home), linkServer).launch(TestingDrivers.session(sessionId), listener);
        try {
            listener.awaitReady(Duration.ofSeconds(120));
        }
        catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nDriver log:\n" + TestingDrivers.driverLog(home, sessionId), e);
        }
        return listener;
    }

    private List<Long> runStartProcesses(RecordingDriverListener listener) {
        driver.runStatement(1, START_PROCESSES);
        RecordingDriverListener.Completion completion = listener.awaitCompletion(1, Duration.ofSeconds(60));
        assertThat(completion.state()).isEqualTo(StatementState.AVAILABLE);
        String text = completion.output().orElseThrow().textPlain().orElseThrow().strip();
        List<Long> pids = Arrays.stream(text.split(" ")).map(Long::parseLong).toList();
        assertThat(pids).hasSize(3).allSatisfy(process -> assertThat(isRunning(process)).as("%s runs", process).isTrue());
        return pids;
    }

    private static void awaitGone(List<Long> pids) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pids.stream().noneMatch(TestSparkDriverProcessGroup::isRunning));
    }

    /** Running, not a zombie waiting to be reaped. */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        }
        catch (IOException e) {
            return false;
        }
    }
}
