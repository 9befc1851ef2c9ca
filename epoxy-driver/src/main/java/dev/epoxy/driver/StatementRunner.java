package dev.epoxy.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.DriverMessage;
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
 * its jobs; a cancel also interrupts the Python main thread.
 */
final class StatementRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);
    private static final long PROGRESS_INTERVAL_MILLIS = 250;
    private static final long JOB_CANCEL_INTERVAL_MILLIS = 100;
    private static final long INTERRUPT_INTERVAL_MILLIS = 2000;
    private static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

    private final JavaSparkContext sparkContext;
    private final PythonInterpreter python;
    private final Consumer<DriverMessage> link;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("epoxy-statement-runner"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("epoxy-statement-timers"));
    private volatile Running running;
    /**
     * Job groups of cancelled statements. A cancelled statement's JVM call can outlive it (Python
     * was interrupted while the query was still being planned) and submit its job after the last
     * cancelJobGroup; such a job would hold every executor core and starve the next statement.
     */
    private final Set<String> cancelledJobGroups = ConcurrentHashMap.newKeySet();

    private static final class Running {
        private final int id;
        private volatile boolean cancelRequested;
        private volatile double lastProgress;
        private ScheduledFuture<?> canceller;

        private Running(int id) {
            this.id = id;
        }
    }

    StatementRunner(JavaSparkContext sparkContext, PythonInterpreter python, Consumer<DriverMessage> link) {
        this.sparkContext = requireNonNull(sparkContext, "sparkContext is null");
        this.python = requireNonNull(python, "python is null");
        this.link = requireNonNull(link, "link is null");
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

    /** Cancels the statement's Spark jobs and interrupts its Python code, repeatedly until it ends. */
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
    }

    @Override
    public void close() {
        runner.shutdownNow();
        timers.shutdownNow();
    }

    private void execute(Running statement, String code) {
        link.accept(new DriverMessage.StatementStarted(statement.id, System.currentTimeMillis()));
        ScheduledFuture<?> progress = timers.scheduleAtFixedRate(() -> reportProgress(statement), PROGRESS_INTERVAL_MILLIS, PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        DriverMessage.StatementFinished finished;
        try {
            PythonInterpreter.ReplResult result = statement.cancelRequested
                    ? new PythonInterpreter.ReplResult("cancelled", "", null, null, List.of())
                    : python.execute(statement.id, code).get();
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
                if (statement.canceller != null) {
                    statement.canceller.cancel(false);
                }
            }
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

    private static DriverMessage.StatementFinished finish(Running statement, PythonInterpreter.ReplResult result) {
        long now = System.currentTimeMillis();
        // A cancelled Spark job surfaces in Python as an ordinary error (Py4JJavaError) when the job
        // group was cancelled before the interrupt arrived; either way the user asked for a cancel.
        if (result.status().equals("cancelled") || (statement.cancelRequested && result.status().equals("error"))) {
            return new DriverMessage.StatementFinished(statement.id, "CANCELLED", null, now);
        }
        DriverMessage.Output output = result.status().equals("ok")
                ? new DriverMessage.Output("ok", statement.id, result.text(), null, null, List.of())
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
