package dev.epoxy.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.DriverMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements one at a time in the Python interpreter. Each statement runs in Spark job group
 * {@code "<statementId>"} (set by the interpreter), which gives its progress and lets a cancel stop
 * its jobs; a cancel also interrupts the Python main thread. A statement still running the cancel
 * grace period after its cancel (it ignores SIGINT, or is stuck in native code) costs the
 * interpreter: it is killed with everything it started, a new one is attached to the same
 * SparkContext, and the statement ends CANCELLED with an output saying that the session's Python
 * state is gone.
 */
final class StatementRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);
    private static final long PROGRESS_INTERVAL_MILLIS = 250;
    private static final long JOB_CANCEL_INTERVAL_MILLIS = 100;
    private static final long INTERRUPT_INTERVAL_MILLIS = 2000;
    private static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

    private final JavaSparkContext sparkContext;
    private final InterpreterStarter starter;
    private final Duration cancelGracePeriod;
    private final InterpreterLog interpreterLog;
    private final Consumer<DriverMessage> link;
    private final Consumer<String> onInterpreterLost;
    private volatile PythonInterpreter python;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("epoxy-statement-runner"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("epoxy-statement-timers"));
    private volatile Running running;
    /**
     * Job groups of cancelled statements. A cancelled statement's JVM call can outlive it (Python
     * was interrupted while the query was still being planned) and submit its job after the last
     * cancelJobGroup; such a job would hold every executor core and starve the next statement.
     */
    private final Set<String> cancelledJobGroups = ConcurrentHashMap.newKeySet();

    /** Starts a new interpreter attached to the driver's SparkContext. */
    @FunctionalInterface
    interface InterpreterStarter {
        PythonInterpreter start() throws PythonInterpreter.StartException;
    }

    private static final class Running {
        private final int id;
        private volatile boolean cancelRequested;
        private volatile double lastProgress;
        // Guarded by the runner: the interpreter has the statement, and whether it is over.
        private boolean inInterpreter;
        private boolean ended;
        private boolean interpreterKilled;
        private ScheduledFuture<?> canceller;
        private ScheduledFuture<?> escalation;

        private Running(int id) {
            this.id = id;
        }
    }

    /**
     * @param starter starts a replacement interpreter after one was killed
     * @param onInterpreterLost told (with the reason) when no replacement could be started; the
     *     session cannot go on
     */
    StatementRunner(JavaSparkContext sparkContext, PythonInterpreter python, InterpreterStarter starter, Duration cancelGracePeriod,
            InterpreterLog interpreterLog, Consumer<DriverMessage> link, Consumer<String> onInterpreterLost) {
        this.sparkContext = requireNonNull(sparkContext, "sparkContext is null");
        this.python = requireNonNull(python, "python is null");
        this.starter = requireNonNull(starter, "starter is null");
        this.cancelGracePeriod = requireNonNull(cancelGracePeriod, "cancelGracePeriod is null");
        this.interpreterLog = requireNonNull(interpreterLog, "interpreterLog is null");
        this.link = requireNonNull(link, "link is null");
        this.onInterpreterLost = requireNonNull(onInterpreterLost, "onInterpreterLost is null");
        sparkContext.sc().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                String group = jobStart.properties() == null ? null : jobStart.properties().getProperty(JOB_GROUP_PROPERTY);
                if (group != null && cancelledJobGroups.contains(group)) {
                    LOG.info("Cancelling job {}: it started after its statement {} was cancelled", jobStart.jobId(), group);
                    sparkContext.sc().cancelJob(jobStart.jobId(), "its statement was cancelled");
                }
            }
        });
    }

    /** The interpreter statements run in now (a new one after a statement ignored its cancel). */
    PythonInterpreter interpreter() {
        return python;
    }

    /** The statement being run, if any. */
    Optional<Integer> runningStatementId() {
        return Optional.ofNullable(running).map(statement -> statement.id);
    }

    /** Queues a statement; the server sends one at a time, so it normally starts at once. */
    synchronized void run(int statementId, String code) {
        Running statement = new Running(statementId);
        running = statement;
        runner.execute(() -> execute(statement, code));
    }

    /**
     * Cancels the statement's Spark jobs and interrupts its Python code, repeatedly until it ends;
     * after the cancel grace period, kills and replaces the interpreter.
     */
    synchronized void cancel(int statementId) {
        Running statement = running;
        if (statement == null || statement.id != statementId || statement.cancelRequested) {
            return;
        }
        statement.cancelRequested = true;
        LOG.info("Cancelling statement {}", statementId);
        cancelledJobGroups.add(String.valueOf(statementId));
        long[] ticks = {0};
        statement.canceller = timers.scheduleAtFixedRate(() -> {
            sparkContext.cancelJobGroup(String.valueOf(statementId));
            if (ticks[0]++ % (INTERRUPT_INTERVAL_MILLIS / JOB_CANCEL_INTERVAL_MILLIS) == 0) {
                python.cancel(statementId);
            }
        }, 0, JOB_CANCEL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        statement.escalation = timers.schedule(() -> killInterpreterIfStillRunning(statement), cancelGracePeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void killInterpreterIfStillRunning(Running statement) {
        PythonInterpreter stuck;
        synchronized (this) {
            // Not one that waits for a replacement interpreter: it has not reached any yet.
            if (!statement.inInterpreter || statement.ended) {
                return;
            }
            statement.interpreterKilled = true;
            stuck = python;
        }
        LOG.warn("Statement {} is still running {} after its cancel; killing the Python interpreter (pid {}) with its processes and starting a new one",
                statement.id, describe(cancelGracePeriod), stuck.pid());
        // Its pending result fails at once, so execute() goes on to replace it.
        stuck.kill();
    }

    @Override
    public void close() {
        runner.shutdownNow();
        timers.shutdownNow();
    }

    private void execute(Running statement, String code) {
        interpreterLog.statementStarted(statement.id);
        link.accept(new DriverMessage.StatementStarted(statement.id, System.currentTimeMillis()));
        ScheduledFuture<?> progress = timers.scheduleAtFixedRate(() -> reportProgress(statement), PROGRESS_INTERVAL_MILLIS, PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        DriverMessage.StatementFinished finished;
        boolean interpreterKilled;
        try {
            PythonInterpreter.ReplResult result;
            if (statement.cancelRequested) {
                result = new PythonInterpreter.ReplResult("cancelled", "", null, null, List.of());
            }
            else {
                PythonInterpreter current;
                synchronized (this) {
                    statement.inInterpreter = true;
                    current = python;
                }
                result = current.execute(statement.id, code).get();
            }
            finished = finish(statement, result);
        }
        catch (ExecutionException e) {
            // The interpreter died; DriverMain reports the session failure once the process is gone.
            finished = new DriverMessage.StatementFinished(statement.id, "ERROR",
                    new DriverMessage.Output("error", statement.id, "", "InterpreterDied", e.getCause().getMessage(), List.of()),
                    System.currentTimeMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = null;
        }
        finally {
            progress.cancel(false);
            synchronized (this) {
                statement.ended = true;
                interpreterKilled = statement.interpreterKilled;
                if (statement.canceller != null) {
                    statement.canceller.cancel(false);
                }
                if (statement.escalation != null) {
                    statement.escalation.cancel(false);
                }
            }
        }
        if (interpreterKilled && finished != null) {
            // Whatever the killed interpreter answered last, the statement's state is gone with it.
            finished = replaceInterpreter(statement);
        }
        if (finished != null) {
            link.accept(finished);
        }
        // Only after the result is queued: whoever waits for the statement to end (a dying
        // interpreter's Failed) must come after it on the link.
        synchronized (this) {
            if (running == statement) {
                running = null;
            }
        }
    }

    /**
     * Starts a new interpreter in place of the killed one, before the statement is reported, so the
     * next statement runs in it. Tells {@link #onInterpreterLost} if none starts.
     */
    private DriverMessage.StatementFinished replaceInterpreter(Running statement) {
        String killed = "Statement " + statement.id + " did not stop within " + describe(cancelGracePeriod)
                + " of its cancel (it ignores SIGINT or is stuck outside Python), so the Python interpreter was killed, with every process it had started";
        String message;
        try {
            PythonInterpreter replacement = starter.start();
            synchronized (this) {
                python = replacement;
            }
            LOG.info("Python interpreter replaced after statement {}: pid {}", statement.id, replacement.pid());
            message = killed + ", and a new one was started: all variables, imports and functions of this session are lost. "
                    + "spark, sc and sqlContext are defined again.";
        }
        catch (PythonInterpreter.StartException e) {
            LOG.error("Cannot replace the Python interpreter after statement {}: {}", statement.id, e.getMessage());
            message = killed + ", and a new one could not be started: " + e.getMessage();
            DriverMessage.StatementFinished finished = cancelledAfterKill(statement, message);
            link.accept(finished);
            onInterpreterLost.accept("The Python interpreter was killed after statement " + statement.id
                    + " ignored its cancel, and a new one could not be started: " + e.getMessage());
            return null;
        }
        return cancelledAfterKill(statement, message);
    }

    private static DriverMessage.StatementFinished cancelledAfterKill(Running statement, String message) {
        return new DriverMessage.StatementFinished(statement.id, "CANCELLED",
                new DriverMessage.Output("error", statement.id, message, "InterpreterRestarted", message, List.of()),
                System.currentTimeMillis());
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static DriverMessage.StatementFinished finish(Running statement, PythonInterpreter.ReplResult result) {
        long now = System.currentTimeMillis();
        // A cancelled Spark job surfaces in Python as an ordinary error (Py4JJavaError) when the job
        // group was cancelled before the interrupt arrived; either way the user asked for a cancel.
        if (result.status().equals("cancelled") || (statement.cancelRequested && result.status().equals("error"))) {
            return new DriverMessage.StatementFinished(statement.id, "CANCELLED", null, now);
        }
        DriverMessage.Output output = result.status().equals("ok")
                ? new DriverMessage.Output("ok", statement.id, result.text(), null, null, List.of(), result.display())
                : new DriverMessage.Output("error", statement.id, result.text(), result.errorName(), result.errorValue(), result.traceback());
        return new DriverMessage.StatementFinished(statement.id, "AVAILABLE", output, now);
    }

    private void reportProgress(Running statement) {
        try {
            JavaSparkStatusTracker tracker = sparkContext.statusTracker();
            long total = 0;
            long completed = 0;
            for (int jobId : tracker.getJobIdsForGroup(String.valueOf(statement.id))) {
                SparkJobInfo job = tracker.getJobInfo(jobId);
                if (job == null) {
                    continue;
                }
                for (int stageId : job.stageIds()) {
                    SparkStageInfo stage = tracker.getStageInfo(stageId);
                    if (stage != null) {
                        total += stage.numTasks();
                        completed += stage.numCompletedTasks();
                    }
                }
            }
            if (total == 0) {
                return;
            }
            double progress = Math.min(1.0, (double) completed / total);
            // A statement's later jobs add tasks (AQE runs each shuffle stage as its own job), which
            // would move the fraction backwards; clients show it as a progress bar, so it only grows.
            if (progress > statement.lastProgress) {
                statement.lastProgress = progress;
                link.accept(new DriverMessage.StatementProgress(statement.id, progress));
            }
        }
        catch (RuntimeException e) {
            LOG.debug("Cannot compute the progress of statement {}", statement.id, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
