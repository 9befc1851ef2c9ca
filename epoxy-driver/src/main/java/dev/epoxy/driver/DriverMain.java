package dev.epoxy.driver;

import dev.epoxy.driver.protocol.DriverMessage;
import dev.epoxy.driver.protocol.ProcessExit;
import dev.epoxy.driver.protocol.ProcessGroup;
import dev.epoxy.driver.protocol.ServerMessage;
import dev.epoxy.driver.StatementRunner.InterpreterStarter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.python.Py4JServer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session driver, started by spark-submit in client mode: connects to the server's link, creates
 * the SparkSession, starts the session's interpreter (Python or Scala), reports Ready, then runs statements until the
 * server says Shutdown. A failure at any step is reported with {@link DriverMessage.Failed} before
 * the process exits with a non-zero code.
 *
 * <p>The driver leads its own process group (the launcher starts it under {@code setsid}); however
 * it exits (Shutdown, a failure, no server, SIGTERM), it kills the other members of that group and
 * its own descendants, so nothing a statement started outlives the session. A process that calls
 * {@code setsid} itself and leaves the interpreter's tree escapes; the server kills the group once
 * more after the driver has exited.
 */
public final class DriverMain {
    private static final Logger LOG = LoggerFactory.getLogger(DriverMain.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_WATCHDOG = Duration.ofSeconds(15);

    private final DriverSettings settings;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private LinkClient link;
    private volatile StatementRunner statements;
    private volatile Interpreter firstInterpreter;
    private volatile Py4JServer gateway;
    private volatile InterpreterLog interpreterLog;
    private volatile InterpreterStarter interpreterStarter;
    private volatile boolean stopping;

    private DriverMain(DriverSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        SparkConf conf = new SparkConf();
        DriverSettings settings;
        try {
            settings = DriverSettings.load(key -> conf.get(key, null), System.getenv());
        }
        catch (IllegalArgumentException e) {
            // Without settings there is no link to report on; the launcher reads the exit code and log.
            System.err.println("Epoxy driver cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        setLogLevel(settings.logLevel());
        new DriverMain(settings).run();
    }

    private void run() {
        Runtime.getRuntime().addShutdownHook(new Thread(DriverMain::endProcessGroup, "epoxy-process-group"));
        link = new LinkClient(settings, () -> statements == null ? Optional.empty() : statements.runningStatementId(), this::onServerMessage, () -> exit(3));
        link.start();
        JavaSparkContext sparkContext;
        try {
            Optional<Path> replClasses = settings.sessionLanguage() == InterpreterLanguage.SCALA
                    ? Optional.of(Files.createTempDirectory("epoxy-repl-classes-"))
                    : Optional.empty();
            sparkContext = startSpark(replClasses);
            if (sparkContext == null) {
                return;
            }
            SparkWarmUp.start(SparkSession.active());
            // The driver log is this JVM's stderr; every interpreter of the session shares the bounds.
            interpreterLog = new InterpreterLog(System.err, settings.maxLogBytesPerStatement(), settings.maxLogBytes());
            InterpreterStarter starter = switch (settings.sessionLanguage()) {
                case PYTHON -> pythonStarter();
                case SCALA -> () -> ScalaInterpreter.start(sparkContext.sc(), replClasses.orElseThrow(), settings.maxOutputBytes(),
                        settings.pythonStartTimeout());
            };
            interpreterStarter = starter;
            try {
                firstInterpreter = starter.start();
            }
            catch (InterpreterStartException e) {
                fail(e.getMessage());
                return;
            }
        }
        catch (IOException e) {
            fail("Cannot create the directory of the Scala interpreter's classes: " + e.getMessage());
            return;
        }
        catch (Exception | LinkageError e) {
            LOG.error("Driver startup failed", e);
            fail("The session driver failed to start: " + e);
            return;
        }
        statements = new StatementRunner(sparkContext, firstInterpreter, interpreterStarter, settings.cancelGracePeriod(), interpreterLog, link::send,
                this::interpreterLost);
        String uiUrl = sparkContext.sc().uiWebUrl().isDefined() ? sparkContext.sc().uiWebUrl().get() : null;
        link.send(new DriverMessage.Ready(uiUrl, sparkContext.sc().applicationId()));
        LOG.info("Session {} ready (Spark UI {})", settings.sessionId(), uiUrl == null ? "disabled" : uiUrl);
        try {
            shutdown.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAndExit();
    }

    /**
     * @param replClasses where a Scala session's REPL writes its classes: the SparkContext serves
     *     them to executors ({@code spark.repl.class.uri}), so it must know before it starts
     */
    private JavaSparkContext startSpark(Optional<Path> replClasses) {
        try {
            SparkSession.Builder builder = SparkSession.builder().appName("epoxy-" + settings.sessionId());
            replClasses.ifPresent(directory -> builder
                    .config("spark.repl.class.outputDir", directory.toAbsolutePath().toString())
                    // As spark-shell: classes of REPL lines must not go to an isolated per-session directory.
                    .config("spark.sql.artifact.isolation.enabled", "false"));
            SparkSession spark = builder.getOrCreate();
            spark.sparkContext().setLogLevel(settings.logLevel());
            Configurator.setLevel("dev.epoxy", Level.INFO);
            return JavaSparkContext.fromSparkContext(spark.sparkContext());
        }
        // Exception, not RuntimeException: Scala throws checked exceptions undeclared, such as the
        // ClassNotFoundException of a --conf spark.serializer naming a missing class.
        catch (Exception | LinkageError e) {
            LOG.error("Cannot create the SparkSession", e);
            fail("Cannot start Spark in the session driver: " + e);
            return null;
        }
    }

    /** Starts the py4j gateway the Python interpreters of the session attach to. */
    private InterpreterStarter pythonStarter() {
        gateway = new Py4JServer(SparkSession.active().sparkContext().conf());
        gateway.start();
        return () -> PythonInterpreter.start(settings, gateway.getListeningPort(), gateway.secret(), interpreterLog, this::pythonExited);
    }

    private void interpreterLost(String reason) {
        // A replacement interrupted by Shutdown is no failure of the session.
        if (!stopping) {
            fail(reason);
        }
    }

    private void onServerMessage(ServerMessage message) {
        if (message instanceof ServerMessage.RunStatement run) {
            StatementRunner runner = statements;
            if (runner == null) {
                LOG.warn("Statement {} arrived before the driver was ready; ignored", run.statementId());
                return;
            }
            runner.run(run.statementId(), run.code());
        }
        else if (message instanceof ServerMessage.CancelStatement cancel) {
            StatementRunner runner = statements;
            if (runner != null) {
                runner.cancel(cancel.statementId());
            }
        }
        else if (message instanceof ServerMessage.Shutdown) {
            LOG.info("The server asked the driver to shut down");
            stopping = true;
            shutdown.countDown();
        }
        else {
            LOG.debug("Ignored server message {}", message.getClass().getSimpleName());
        }
    }

    private void pythonExited(int exitCode, Optional<Integer> runningStatementId) {
        if (stopping) {
            return;
        }
        String reason = "The Python interpreter " + ProcessExit.describe(exitCode)
                + runningStatementId.map(id -> " while running statement " + id).orElse("");
        // Let the runner report the statement it was running (ERROR) before the session failure.
        waitForStatementToEnd(statements);
        fail(reason);
    }

    private static void waitForStatementToEnd(StatementRunner runner) {
        if (runner == null) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (runner.runningStatementId().isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reports a failure the driver cannot recover from, then exits with code 1. */
    private void fail(String reason) {
        LOG.error("Session driver failed: {}", reason);
        stopping = true;
        link.send(new DriverMessage.Failed(reason));
        try {
            link.flush(FLUSH_TIMEOUT);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exit(1);
    }

    private void stopAndExit() {
        startExitWatchdog();
        // Taken while the interpreter still runs: once it is gone, its children are no one's descendants.
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        if (statements != null) {
            statements.close();
        }
        Interpreter current = currentInterpreter();
        if (current != null) {
            current.close();
        }
        killAll(descendants);
        if (gateway != null) {
            gateway.shutdown();
        }
        try {
            SparkSession.active().stop();
        }
        catch (RuntimeException e) {
            LOG.warn("Cannot stop Spark cleanly: {}", e.getMessage());
        }
        link.close();
        System.exit(0);
    }

    private void exit(int code) {
        stopping = true;
        startExitWatchdog();
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        Interpreter current = currentInterpreter();
        if (current != null) {
            current.close();
        }
        killAll(descendants);
        link.close();
        System.exit(code);
    }

    private Interpreter currentInterpreter() {
        StatementRunner runner = statements;
        return runner != null ? runner.interpreter() : firstInterpreter;
    }

    private static void killAll(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills every other process of the driver's process group and every descendant still running.
     * Runs in a shutdown hook, so also on SIGTERM; only when the driver leads its group (else the
     * group is the server's).
     */
    private static void endProcessGroup() {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (ProcessGroup.currentProcessLeadsItsGroup()) {
            int killed = ProcessGroup.killMembers(self, self);
            if (killed > 0) {
                LOG.info("Killed {} processes that statements left in the session's process group", killed);
            }
        }
    }

    /** Spark's shutdown hooks may hang on a broken cluster; the driver must still go away. */
    private static void startExitWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(EXIT_WATCHDOG.toMillis());
            }
            catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(4);
        }, "epoxy-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void setLogLevel(String level) {
        Configurator.setRootLevel(Level.toLevel(level, Level.WARN));
        // The driver's own lifecycle lines (link up/down, interpreter started, cancels) stay in its log.
        Configurator.setLevel("dev.epoxy", Level.INFO);
    }
}
