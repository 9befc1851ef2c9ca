package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.job.BookmarkOption;
import dev.epoxy.core.job.JobRunExit;
import dev.epoxy.core.job.JobRunExit.Outcome;
import dev.epoxy.core.job.JobRunLaunch;
import dev.epoxy.core.job.JobRunListener;
import dev.epoxy.core.job.JobRunProcess;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.driver.protocol.ProcessGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pythonshell runs (the configured Python and the repository's epoxy_jobrun wrapper), no Spark. */
class TestSparkJobRunLauncher {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path home;
    @TempDir
    Path dist;
    private SparkJobRunLauncher launcher;

    @BeforeEach
    void setUp() throws IOException {
        // The dist layout the launcher expects, with the repository's python/ (awsglue, epoxy_jobrun) in it.
        Path python = Path.of("..", "python").toAbsolutePath().normalize();
        assertThat(python.resolve("epoxy_jobrun/__main__.py")).isRegularFile();
        Files.createSymbolicLink(dist.resolve("python"), python);
        launcher = new SparkJobRunLauncher(config());
    }

    @AfterEach
    void tearDown() {
        launcher.close();
    }

    @Test
    void pythonShellRunSucceedsWithItsArgumentsAndItsOutputInTheLog() throws Exception {
        upload("scripts/ok.py", """
                import sys
                from awsglue.utils import getResolvedOptions
                args = getResolvedOptions(sys.argv, ["JOB_NAME", "greeting"])
                print("job", args["JOB_NAME"], "says", args["greeting"])
                print("to stderr", file=sys.stderr)
                """);
        RecordingListener listener = new RecordingListener();
        launcher.launch(launch("jr_ok", "s3://scripts/ok.py", Map.of("--greeting", "hello")), listener);

        JobRunExit exit = listener.awaitExit();
        assertThat(exit).isEqualTo(new JobRunExit(Outcome.SUCCEEDED, Optional.empty(), Optional.empty()));
        assertThat(listener.events).containsExactly("running jr_ok", "exited jr_ok");
        assertThat(launcher.logOf("jr_ok")).isEqualTo(home.resolve("job-runs/jr_ok/driver.log"));
        assertThat(Files.readString(launcher.logOf("jr_ok"), UTF_8)).contains("job nightly says hello\n").contains("to stderr\n");
        // The script ran from its copy in the run directory.
        assertThat(home.resolve("job-runs/jr_ok/script/ok.py")).isRegularFile();
        assertThat(home.resolve("job-runs/jr_ok/run.pid")).doesNotExist();
    }

    @Test
    void scriptThatRaisesFailsWithTheExceptionTypeAndMessageAndTheTracebackInTheLog() throws Exception {
        upload("scripts/fail.py", """
                def check(value):
                    raise ValueError("bad input %d" % value)
                check(42)
                """);
        RecordingListener listener = new RecordingListener();
        launcher.launch(launch("jr_fail", "s3://scripts/fail.py", Map.of()), listener);

        Path log = home.resolve("job-runs/jr_fail/driver.log");
        assertThat(listener.awaitExit()).isEqualTo(JobRunExit.failed("ValueError: bad input 42 (log: " + log + ")"));
        assertThat(Files.readString(log, UTF_8)).contains("Traceback (most recent call last):").contains("line 2, in check").contains("ValueError: bad input 42");
    }

    @Test
    void syntaxErrorNamesTheFileAndLine() throws Exception {
        upload("scripts/broken.py", "x = 1\nif x\n    print(x)\n");
        RecordingListener listener = new RecordingListener();
        launcher.launch(launch("jr_syntax", "s3://scripts/broken.py", Map.of()), listener);

        JobRunExit exit = listener.awaitExit();
        assertThat(exit.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(exit.errorMessage().orElseThrow()).startsWith("SyntaxError: ").contains("(broken.py, line 2)");
    }

    @Test
    void systemExitZeroIsSuccessAndOtherCodesAreFailures() throws Exception {
        upload("scripts/exit0.py", "import sys\nsys.exit(0)\nraise RuntimeError('not reached')\n");
        upload("scripts/exit3.py", "import sys\nsys.exit(3)\n");
        RecordingListener zero = new RecordingListener();
        RecordingListener three = new RecordingListener();
        launcher.launch(launch("jr_exit0", "s3://scripts/exit0.py", Map.of()), zero);
        launcher.launch(launch("jr_exit3", "s3://scripts/exit3.py", Map.of()), three);

        assertThat(zero.awaitExit().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(three.awaitExit()).isEqualTo(JobRunExit.failed("SystemExit: exit code 3 (log: " + home.resolve("job-runs/jr_exit3/driver.log") + ")"));
    }

    @Test
    void missingScriptLocationFailsTheRunWithAClearMessage() throws Exception {
        RecordingListener listener = new RecordingListener();
        launcher.launch(launch("jr_missing", "s3://scripts/none.py", Map.of()), listener);
        assertThat(listener.awaitExit()).isEqualTo(JobRunExit.failed("ScriptLocation s3://scripts/none.py does not exist"));
        assertThat(listener.events).containsExactly("exited jr_missing");

        RecordingListener local = new RecordingListener();
        Path absent = home.resolve("absent.py");
        launcher.launch(launch("jr_missing_local", absent.toString(), Map.of()), local);
        assertThat(local.awaitExit()).isEqualTo(JobRunExit.failed("ScriptLocation " + absent + " does not exist"));
    }

    @Test
    void pythonModulesPipCannotInstallFailTheRunWithPipsMessage() throws Exception {
        upload("scripts/ok.py", "print('never runs')\n");
        Path absent = home.resolve("no-such-package");
        RecordingListener listener = new RecordingListener();
        launcher.launch(launch("jr_pip", "s3://scripts/ok.py", Map.of("--additional-python-modules", absent.toString())), listener);

        JobRunExit exit = listener.awaitExit();
        assertThat(exit.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(exit.errorMessage().orElseThrow()).startsWith("Cannot install --additional-python-modules " + absent + ": ERROR: ").contains("no-such-package");
        assertThat(listener.events).containsExactly("exited jr_pip");
        assertThat(Files.readString(launcher.logOf("jr_pip"), UTF_8)).contains("ERROR: ").doesNotContain("never runs");
        assertThat(home.resolve("python-modules")).isEmptyDirectory();
    }

    @Test
    void localScriptPathIsRunInPlace() throws Exception {
        Path script = home.resolve("local.py");
        Files.writeString(script, "print('ran in place')\n", UTF_8);
        RecordingListener listener = new RecordingListener();
        launcher.launch(launch("jr_local", script.toString(), Map.of()), listener);
        assertThat(listener.awaitExit().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(Files.readString(launcher.logOf("jr_local"), UTF_8)).contains("ran in place");
        assertThat(home.resolve("job-runs/jr_local/script")).doesNotExist();
    }

    @Test
    void neverEndingScriptIsStoppedAndItsProcessesAreGone() throws Exception {
        Path childPidFile = home.resolve("child.pid");
        upload("scripts/forever.py", """
                import subprocess, sys, time
                child = subprocess.Popen(["sleep", "1000"])
                with open(sys.argv[sys.argv.index("--child_pid_file") + 1], "w") as out:
                    out.write(str(child.pid))
                while True:
                    time.sleep(1)
                """);
        RecordingListener listener = new RecordingListener();
        JobRunProcess process = launcher.launch(launch("jr_forever", "s3://scripts/forever.py", Map.of("--child_pid_file", childPidFile.toString())), listener);
        await().atMost(DEADLINE).until(() -> Files.isRegularFile(childPidFile) && !Files.readString(childPidFile).isBlank());
        long runPid = Long.parseLong(Files.readAllLines(home.resolve("job-runs/jr_forever/run.pid"), UTF_8).get(0).strip());
        long childPid = Long.parseLong(Files.readString(childPidFile).strip());
        assertThat(ProcessGroup.members(runPid, ProcessHandle.current().pid())).contains(runPid, childPid);

        process.stop();
        process.stop();

        assertThat(listener.awaitExit()).isEqualTo(JobRunExit.stopped());
        assertThat(listener.events).containsExactly("running jr_forever", "exited jr_forever");
        assertThat(ProcessGroup.members(runPid, ProcessHandle.current().pid())).isEmpty();
        assertThat(home.resolve("job-runs/jr_forever/run.pid")).doesNotExist();
    }

    @Test
    void orphansOfAnEarlierServerAreKilledAndTheirRunsNamed() throws Exception {
        upload("scripts/forever.py", "import time\nwhile True:\n    time.sleep(1)\n");
        RecordingListener listener = new RecordingListener();
        launcher.launch(launch("jr_orphan", "s3://scripts/forever.py", Map.of()), listener);
        Path pidFile = home.resolve("job-runs/jr_orphan/run.pid");
        await().atMost(DEADLINE).until(() -> listener.events.contains("running jr_orphan"));
        long pid = Long.parseLong(Files.readAllLines(pidFile, UTF_8).get(0).strip());

        // A new server on the same home finds it by its pid file.
        try (SparkJobRunLauncher restarted = new SparkJobRunLauncher(config())) {
            assertThat(restarted.killOrphans()).isEqualTo(Set.of("jr_orphan"));
            assertThat(restarted.killOrphans()).isEmpty();
        }
        assertThat(listener.awaitExit().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ProcessGroup.members(pid, ProcessHandle.current().pid())).isEmpty();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void bookmarkStateIsWrittenForTheRunAndJobDeletedRemovesItsRuns() throws Exception {
        upload("scripts/ok.py", "print('done')\n");
        RecordingListener listener = new RecordingListener();
        JobRunLaunch launch = new JobRunLaunch("nightly", "jr_state", 0, "pythonshell", "s3://scripts/ok.py", Optional.empty(), Map.of("--JOB_NAME", "nightly"),
                Capacity.ofMaxCapacity(0.0625), BookmarkOption.ENABLE, Optional.of("{\"ctx\": 1}"), Optional.of("{\"ctx\": 2}"), List.of());
        launcher.launch(launch, listener);
        assertThat(listener.awaitExit().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(home.resolve("job-runs/jr_state/bookmark-state.json")).hasContent("{\"ctx\": 1}");
        assertThat(home.resolve("job-runs/jr_state/bookmark-to-state.json")).hasContent("{\"ctx\": 2}");

        launcher.jobDeleted("nightly", Set.of("jr_state"));
        await().atMost(DEADLINE).until(() -> !Files.exists(home.resolve("job-runs/jr_state")));
    }

    private DriverLaunchConfig config() {
        return DriverLaunchConfig.defaults()
                .withHome(home)
                .withDistDir(dist)
                .withPython(Optional.ofNullable(System.getenv("EPOXY_SESSION_PYTHON")).orElse("python3"))
                .withStopGracePeriod(Duration.ofSeconds(2));
    }

    private void upload(String bucketAndKey, String content) throws IOException {
        Path file = home.resolve("s3").resolve(bucketAndKey);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }

    private static JobRunLaunch launch(String runId, String scriptLocation, Map<String, String> extraArguments) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--JOB_NAME", "nightly");
        arguments.put("--JOB_RUN_ID", runId);
        arguments.putAll(extraArguments);
        return new JobRunLaunch("nightly", runId, 0, "pythonshell", scriptLocation, Optional.of("3.9"), arguments, Capacity.ofMaxCapacity(0.0625),
                BookmarkOption.DISABLE, Optional.empty(), Optional.empty(), List.of());
    }

    /** Records the events in order; the exit completes a future. */
    private static final class RecordingListener implements JobRunListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<JobRunExit> exit = new CompletableFuture<>();

        @Override
        public void running(String runId) {
            events.add("running " + runId);
        }

        @Override
        public void exited(String runId, JobRunExit runExit) {
            events.add("exited " + runId);
            exit.complete(runExit);
        }

        JobRunExit awaitExit() throws Exception {
            return exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
