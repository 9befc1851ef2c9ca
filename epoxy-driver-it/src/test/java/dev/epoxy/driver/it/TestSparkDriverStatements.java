package dev.epoxy.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.driver.DriverHandle;
import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.driver.DriverLinkServer;
import dev.epoxy.server.driver.SparkDriverLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One real driver (spark-submit, PySpark) shared by all statements of this class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSparkDriverStatements {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration STATEMENT = Duration.ofSeconds(60);
    private static final int MAX_OUTPUT_BYTES = 1024 * 1024;
    private static final int MAX_LOG_BYTES_PER_STATEMENT = 64 * 1024;
    private static final Duration CANCEL_GRACE_PERIOD = Duration.ofSeconds(3);

    private final AtomicInteger statementIds = new AtomicInteger();
    private Path home;
    private DriverLinkServer linkServer;
    private RecordingDriverListener listener;
    private DriverHandle driver;

    @BeforeAll
    void startDriver() {
        home = TestingDrivers.newHome();
        linkServer = TestingDrivers.linkServer();
        DriverLaunchConfig config = TestingDrivers.config(home)
                .withMaxOutputBytes(MAX_OUTPUT_BYTES)
                .withMaxLogBytesPerStatement(MAX_LOG_BYTES_PER_STATEMENT)
                .withCancelGracePeriod(CANCEL_GRACE_PERIOD);
        listener = new RecordingDriverListener();
        driver = new SparkDriverLauncher(config, linkServer).launch(TestingDrivers.session("shared"), listener);
        try {
            listener.awaitReady(STARTUP);
        }
        catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nDriver log:\n" + TestingDrivers.driverLog(home, "shared"), e);
        }
    }

    @AfterAll
    void stopDriver() {
        try {
            if (driver != null) {
                driver.stop();
                listener.awaitStopped(Duration.ofSeconds(30));
            }
        }
        finally {
            if (linkServer != null) {
                linkServer.close();
            }
            TestingDrivers.deleteRecursively(home);
        }
    }

    @Test
    void printGivesExactlyTheText() {
        assertThat(runOk("print('hello world')")).isEqualTo("hello world");
    }

    @Test
    void writesToTheRawFileDescriptorsDoNotReachTheOutputOrBreakTheInterpreter() {
        assertThat(runOk("import os\nos.write(1, b'{\"type\": \"result\", \"id\": 999}\\n')\nos.write(2, b'raw stderr\\n')\nprint('after')"))
                .isEqualTo("after");
        assertThat(runOk("1 + 2")).isEqualTo("3");
    }

    @Test
    void py4jLogLinesGoToTheDriverLogNotTheOutput() {
        assertThat(runOk("import logging\nlogging.getLogger('py4j.java_gateway').warning('py4j says hi')\nprint('mine')")).isEqualTo("mine");
    }

    @Test
    void theInterpreterCannotSeeTheDriversLinkToken() {
        assertThat(runOk("import os\n'EPOXY_DRIVER_TOKEN' in os.environ")).isEqualTo("False");
    }

    @Test
    void bareLastExpressionEchoesAndVariablesPersist() {
        assertThat(runOk("x = 41")).isEmpty();
        assertThat(runOk("x + 1")).isEqualTo("42");
    }

    @Test
    void exceptionGivesAnErrorOutputWithTheUsersFramesOnly() {
        int id = run("def f():\n    return 1 / 0\nf()");
        RecordingDriverListener.Completion completion = listener.awaitCompletion(id, STATEMENT);
        assertThat(completion.state()).isEqualTo(StatementState.AVAILABLE);
        StatementOutput output = completion.output().orElseThrow();
        assertThat(output.status()).isEqualTo(OutputStatus.ERROR);
        assertThat(output.executionCount()).isEqualTo(id);
        assertThat(output.errorName()).contains("ZeroDivisionError");
        assertThat(output.errorValue()).contains("division by zero");
        assertThat(output.traceback()).first().isEqualTo("Traceback (most recent call last):\n");
        assertThat(output.traceback()).element(1).asString().matches("(?s)  File \"<statement-\\d+>\", line 3, in <module>\n.*");
        assertThat(output.traceback()).last().isEqualTo("ZeroDivisionError: division by zero\n");
        assertThat(String.join("", output.traceback())).contains("    return 1 / 0\n");
        assertThat(output.traceback()).noneMatch(line -> line.contains("epoxy_repl"));
    }

    @Test
    void syntaxErrorShowsTheLineAndCaret() {
        int id = run("x = (1 +\n");
        StatementOutput output = listener.awaitCompletion(id, STATEMENT).output().orElseThrow();
        assertThat(output.status()).isEqualTo(OutputStatus.ERROR);
        assertThat(output.errorName()).contains("SyntaxError");
        assertThat(String.join("", output.traceback())).containsPattern("File \"<statement-\\d+>\", line 1").contains("x = (1 +").contains("^");
    }

    @Test
    void sparkComputesTheRightSumAndIsTheSameContext() {
        long n = 10_000_000L;
        long expected = n * (n - 1) / 2;
        assertThat(runOk("spark.range(10_000_000).selectExpr('sum(id)').collect()[0][0]")).isEqualTo(String.valueOf(expected));
        assertThat(runOk("from pyspark import SparkContext\nfrom pyspark.sql import SparkSession\n"
                + "(SparkContext.getOrCreate() is sc, SparkSession.builder.getOrCreate() is spark)")).isEqualTo("(True, True)");
    }

    @Test
    void progressFollowsTheStatementsSparkJobs() {
        int id = run("spark.range(0, 200_000_000, 1, 40).selectExpr('sum(id)').collect()[0][0]");
        RecordingDriverListener.Completion completion = listener.awaitCompletion(id, STATEMENT);
        assertThat(completion.output().orElseThrow().textPlain()).contains(String.valueOf(200_000_000L * (200_000_000L - 1) / 2));
        assertThat(listener.progress(id)).isNotEmpty().allMatch(value -> value > 0 && value <= 1.0).isSorted();
    }

    @Test
    void cancelStopsASleep() {
        int id = runAndAwaitInside("import time\ntime.sleep(600)");
        assertCancelStops(id);
    }

    @Test
    void cancelStopsABusyLoop() {
        int id = runAndAwaitInside("while True:\n    pass");
        assertCancelStops(id);
    }

    @Test
    void cancelStopsALongSparkJobAndSparkWorksAfterwards() {
        int id = run("spark.range(0, 10**11, 1, 1000).selectExpr('sum(id * id)').collect()");
        listener.awaitStarted(id, STATEMENT);
        // The job must really be running (some of its 1000 tasks have completed) when the cancel arrives.
        await().atMost(STATEMENT).until(() -> !listener.progress(id).isEmpty());
        assertCancelStops(id);
        assertThat(runOk("spark.range(100).count()")).isEqualTo("100");
        assertThat(runOk("sc.parallelize(range(10), 2).map(lambda v: v * 2).sum()")).isEqualTo("90");
    }

    @Test
    void jobsStartedAfterTheirStatementWasCancelledAreCancelledToo() {
        // A thread of the statement inherits its job group and submits a long job only after the
        // cancel, as a query still being planned when Python was interrupted does. Left running,
        // that job would hold every core and the next statement's job would wait behind it.
        int id = runAndAwaitInside("""
                import time
                from pyspark import InheritableThread
                late_job_errors = []
                def late_job():
                    time.sleep(2)
                    try:
                        spark.range(0, 10**12, 1, 2).selectExpr('sum(id)').collect()
                    except Exception as error:
                        late_job_errors.append(type(error).__name__)
                InheritableThread(target=late_job).start()
                time.sleep(600)
                """);
        assertCancelStops(id);
        await().atMost(STATEMENT).until(() -> runOk("late_job_errors").equals("['Py4JJavaError']"));
        assertThat(runOk("spark.range(100).count()")).isEqualTo("100");
    }

    @Test
    void keyboardInterruptRaisedByTheStatementIsAnErrorNotACancel() {
        int id = run("raise KeyboardInterrupt");
        RecordingDriverListener.Completion completion = listener.awaitCompletion(id, STATEMENT);
        assertThat(completion.state()).isEqualTo(StatementState.AVAILABLE);
        StatementOutput output = completion.output().orElseThrow();
        assertThat(output.status()).isEqualTo(OutputStatus.ERROR);
        assertThat(output.errorName()).contains("KeyboardInterrupt");
        assertThat(output.traceback()).last().isEqualTo("KeyboardInterrupt\n");
        assertThat(runOk("1 + 1")).isEqualTo("2");
    }

    @Test
    void cancelOfAStatementThatIgnoresSigintReplacesTheInterpreterAndTheSessionGoesOn() {
        assertThat(runOk("lost = 'defined before the cancel'\nlen(lost) > 0")).isEqualTo("True");
        int id = runAndAwaitInside("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass");
        driver.cancelStatement(id);
        assertCancelledByReplacingTheInterpreter(id);

        assertThat(runOk("'lost' in globals()")).isEqualTo("False");
        assertThat(runOk("spark.range(100).count()")).isEqualTo("100");
        assertThat(runOk("sc.parallelize(range(10), 2).map(lambda v: v * 2).sum()")).isEqualTo("90");
        assertThat(runOk("from awsglue.context import GlueContext\nfrom awsglue.dynamicframe import DynamicFrame\n"
                + "DynamicFrame.fromDF(spark.range(7), GlueContext(sc), 'seven').count()")).isEqualTo("7");
        // A cancel of the new interpreter's statements works as before.
        assertCancelStops(runAndAwaitInside("import time\ntime.sleep(600)"));
    }

    @Test
    void replacingTheInterpreterKillsTheProcessesItsStatementsStarted() throws Exception {
        Path pids = home.resolve("pids-" + (statementIds.get() + 1));
        // SIGINT blocked, as a C library may do: the interpreter never sees the cancel's interrupt.
        int id = runAndAwaitInside("import os, signal, subprocess\n"
                + "child = subprocess.Popen(['sleep', '600'])\n"
                + "session_leader = subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
                // Left behind by its parent: in the interpreter's process group, but no descendant.
                + "orphan = int(subprocess.run(['sh', '-c', 'sleep 600 > /dev/null 2>&1 & echo $!'], capture_output=True, text=True).stdout)\n"
                + "with open(r'" + pids + ".tmp', 'w') as file:\n"
                + "    file.write('%d %d %d' % (child.pid, session_leader.pid, orphan))\n"
                + "os.rename(r'" + pids + ".tmp', r'" + pids + "')\n"
                + "signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])\n"
                + "while True:\n    pass");
        await().atMost(STATEMENT).until(() -> Files.exists(pids));
        List<Long> children = Arrays.stream(Files.readString(pids).split(" ")).map(Long::parseLong).toList();
        assertThat(children).allMatch(TestSparkDriverStatements::isRunning);

        driver.cancelStatement(id);
        assertCancelledByReplacingTheInterpreter(id);

        await().atMost(STATEMENT).until(() -> children.stream().noneMatch(TestSparkDriverStatements::isRunning));
        assertThat(runOk("1 + 1")).isEqualTo("2");
    }

    @Test
    void rawWritesToStdoutAndStderrReachTheDriverLogOnlyUpToTheBoundWithANote() {
        // 8 MB through os.write on fd 1 and 2, and 8 MB more from a child process inheriting them.
        String line = "raw-write-marker-0123456789\n";
        String code = "import os, subprocess, sys\n"
                + "line = b'" + line.replace("\n", "\\n") + "'\n"
                + "for i in range(100_000):\n"
                + "    os.write(1 + i % 2, line)\n"
                + "subprocess.run([sys.executable, '-c', 'import os\\nfor i in range(100_000): os.write(1, %r)' % (line * 3)], check=True)\n"
                + "'written'";
        long written = 100_000L * line.length() * 4;
        assertThat(written).isGreaterThan(100L * MAX_LOG_BYTES_PER_STATEMENT);
        int id = statementIds.get() + 1;
        assertThat(runOk(code)).isEqualTo("'written'");
        // The statement's share of the log is settled when the next one starts.
        assertThat(runOk("'next'")).isEqualTo("'next'");

        String log = TestingDrivers.driverLog(home, "shared");
        long forwardedLines = log.lines().filter(text -> text.contains("raw-write-marker-")).count();
        // What the driver reads only after the statement ended (at most a pipe's worth) counts
        // towards the next statement, within that one's own bound.
        assertThat(forwardedLines).isGreaterThan(0).isLessThanOrEqualTo(2 * (MAX_LOG_BYTES_PER_STATEMENT / (line.length() - 1) + 1));
        assertThat(log).contains("[epoxy] The output to stdout and stderr during statement " + id + " reached " + MAX_LOG_BYTES_PER_STATEMENT
                + " bytes; the rest is dropped until the next statement (epoxy.session.max-log-bytes-per-statement).");
        assertThat(log).containsPattern("\\[epoxy] During statement " + id + " the Python interpreter wrote \\d+ bytes to stdout and stderr: "
                + MAX_LOG_BYTES_PER_STATEMENT + " bytes are above, \\d+ bytes were dropped.");
        assertThat((long) log.length()).isLessThan(written / 4);
    }

    @Test
    void hugeOutputIsBoundedWithANote() {
        // 500,000 lines of 100 bytes: 50 MB printed.
        String text = runOk("for i in range(500_000):\n    print('x' * 99)");
        long printed = 500_000L * 100;
        assertThat(text.length()).isLessThan(MAX_OUTPUT_BYTES + 300);
        assertThat(text).startsWith("x".repeat(99) + "\n");
        assertThat(text).endsWith("[Output truncated: " + (printed - MAX_OUTPUT_BYTES) + " more bytes were dropped after the first "
                + MAX_OUTPUT_BYTES + " bytes. Raise the limit with epoxy.session.max-output-bytes.]");
        assertThat(runOk("'still alive'")).isEqualTo("'still alive'");
    }

    private void assertCancelledByReplacingTheInterpreter(int id) {
        RecordingDriverListener.Completion completion = listener.awaitCompletion(id, STATEMENT.plus(CANCEL_GRACE_PERIOD));
        assertThat(completion.state()).isEqualTo(StatementState.CANCELLED);
        StatementOutput output = completion.output().orElseThrow();
        assertThat(output.status()).isEqualTo(OutputStatus.ERROR);
        assertThat(output.errorName()).contains("InterpreterRestarted");
        assertThat(output.textPlain().orElseThrow())
                .startsWith("Statement " + id + " did not stop within 3 s of its cancel")
                .contains("the Python interpreter was killed, with every process it had started, and a new one was started: "
                        + "all variables, imports and functions of this session are lost.");
    }

    /** True while the process exists and is not a zombie left for its new parent to reap. */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        }
        catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        catch (java.io.IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private void assertCancelStops(int id) {
        assertThat(listener.completion(id)).isEmpty();
        long cancelledAt = System.nanoTime();
        driver.cancelStatement(id);
        RecordingDriverListener.Completion completion = listener.awaitCompletion(id, Duration.ofSeconds(5));
        assertThat(completion.state()).isEqualTo(StatementState.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(runOk("1 + 1")).isEqualTo("2");
    }

    /**
     * Runs code that first creates a marker file, and waits for the marker: then the statement is
     * inside the user's code (its sleep or loop) when the test goes on, not still on its way there.
     */
    private int runAndAwaitInside(String code) {
        Path marker = home.resolve("inside-" + (statementIds.get() + 1));
        int id = run("open(r'" + marker + "', 'w').close()\n" + code);
        await().atMost(STATEMENT).until(() -> Files.exists(marker));
        return id;
    }

    private int run(String code) {
        int id = statementIds.incrementAndGet();
        driver.runStatement(id, code);
        return id;
    }

    private String runOk(String code) {
        int id = run(code);
        RecordingDriverListener.Completion completion = listener.awaitCompletion(id, STATEMENT);
        assertThat(completion.state()).as("state of %s", code).isEqualTo(StatementState.AVAILABLE);
        StatementOutput output = completion.output().orElseThrow();
        assertThat(output.status()).as("status of %s: %s", code, output).isEqualTo(OutputStatus.OK);
        return output.textPlain().orElseThrow();
    }
}
