package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.job.JobRunExit;
import dev.epoxy.core.job.JobRunLaunch;
import dev.epoxy.core.job.JobRunLauncher;
import dev.epoxy.core.job.JobRunListener;
import dev.epoxy.core.job.JobRunProcess;
import dev.epoxy.server.launch.ProcessLaunch;
import dev.epoxy.server.launch.ProcessSupervisor;
import dev.epoxy.server.launch.SupervisedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job run as its own process in {@code <home>/job-runs/<run id>/} ({@link JobRunDirectories}):
 * {@code glueetl} as a Spark application (spark-submit in client mode, the configured master, local by
 * default), {@code pythonshell} as a plain Python process, both through the {@code epoxy_jobrun}
 * wrapper ({@link JobRunCommand}), supervised by a {@link ProcessSupervisor}. Everything but creating
 * the handle happens on the supervisor's threads: copying the script, installing
 * {@code --additional-python-modules}, starting the process, reading {@code error.json} and the
 * committed bookmark when it exits ({@link JobRunExits}).
 */
public final class SparkJobRunLauncher implements JobRunLauncher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkJobRunLauncher.class);
    private static final String DRIVER_ARTIFACT = "epoxy-driver";
    static final String EXTRA_PY_FILES = "--extra-py-files";

    private final DriverLaunchConfig config;
    private final SparkDistribution distribution;
    private final JobRunDirectories directories;
    private final Optional<Path> setsid;
    private final ProcessSupervisor supervisor = new ProcessSupervisor("job-run-supervisor");
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();

    /**
     * @param config the drivers' launch config, with the server's storage and Glue endpoint confs
     *     ({@code spark.epoxy.glue.endpoint}) in its Spark conf, as for {@link SparkCrawlLauncher}
     */
    public SparkJobRunLauncher(DriverLaunchConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.distribution = new SparkDistribution(config);
        this.directories = JobRunDirectories.under(config.home());
        this.setsid = SparkSubmitCommand.findSetsid();
    }

    @Override
    public JobRunProcess launch(JobRunLaunch launch, JobRunListener listener) {
        requireNonNull(launch, "launch is null");
        requireNonNull(listener, "listener is null");
        RunningJob job = new RunningJob(launch.runId(), listener);
        running.put(launch.runId(), job);
        job.finished.thenRun(() -> running.remove(launch.runId(), job));
        supervisor.execute(() -> start(launch, job));
        return job;
    }

    @Override
    public Set<String> killOrphans() {
        try {
            List<String> runIds = ProcessSupervisor.killOrphans(directories.pidFiles(), commandLine -> commandLine.contains(JobRunCommand.WRAPPER));
            return Set.copyOf(new LinkedHashSet<>(runIds.stream().filter(runId -> !runId.isEmpty()).toList()));
        }
        catch (IOException e) {
            LOG.warn("Cannot look for job run processes of an earlier server: {}", e.getMessage());
            return Set.of();
        }
    }

    @Override
    public Path logOf(String runId) {
        return directories.logOf(runId);
    }

    @Override
    public void jobDeleted(String jobName, Set<String> runIds) {
        for (String runId : runIds) {
            RunningJob job = running.get(runId);
            CompletableFuture<Void> done = job == null ? CompletableFuture.completedFuture(null) : job.finished;
            done.thenRun(() -> directories.delete(runId));
        }
    }

    /**
     * Stops the runs still going, waits for them within the grace period, then kills what is left. Their runs stay
     * active in the store (the service ignores exits while it closes); the next server ends them FAILED.
     */
    @Override
    public void close() {
        List<RunningJob> jobs = List.copyOf(running.values());
        jobs.forEach(RunningJob::stop);
        try {
            CompletableFuture.allOf(jobs.stream().map(job -> job.finished).toArray(CompletableFuture[]::new))
                    .get(config.stopGracePeriod().plusSeconds(6).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Exception e) {
            LOG.warn("Job runs did not stop in time; killing them");
        }
        jobs.forEach(RunningJob::kill);
        supervisor.close();
    }

    private void start(JobRunLaunch launch, RunningJob job) {
        String runId = launch.runId();
        Path log = directories.logOf(runId);
        try {
            Path directory = directories.directoryOf(runId);
            Files.createDirectories(directory);
            Files.deleteIfExists(directories.errorOf(runId));
            Files.deleteIfExists(directories.bookmarkCommitOf(runId));
            writeState(directories.bookmarkStateOf(runId), launch.bookmarkState());
            writeState(directories.bookmarkToStateOf(runId), launch.bookmarkToState());
            Path script = copyScript(launch);
            Optional<Path> modules = PythonModules.installFor(launch.arguments(), config.python(), config.home(), log);
            List<Path> pythonFiles = List.of();
            String extraPyFiles = launch.arguments().getOrDefault(EXTRA_PY_FILES, "");
            if (launch.commandName().equals(JobRunCommand.PYTHON_SHELL) && !extraPyFiles.isBlank()) {
                pythonFiles = PythonShellFiles.stage(extraPyFiles, config.sparkConf(), config.home(), directory);
            }
            JobRunCommand command = command(launch, new JobRunCommand.Placement(setsid, distribution.distDir().resolve("python"), script, modules,
                    pythonFiles, System.getProperty("java.home")));
            if (!command.refusedKeys().isEmpty()) {
                // Where the user looks: the run's log.
                Files.writeString(log, "epoxy: ignored the job's Spark settings " + String.join(", ", command.refusedKeys())
                        + " (spark.epoxy.* and the Spark UI guard's settings are Epoxy's)\n", UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            if (command.secretFile().isPresent()) {
                SecretSparkConf.write(command.secretFile().get(), command.secretConf());
            }
            ProcessLaunch processLaunch = new ProcessLaunch(command.command(), directory, command.environment(), log,
                    Optional.of(directories.pidOf(runId)), runId);
            job.started(supervisor, processLaunch);
        }
        catch (EpoxyException e) {
            // What the job asked for cannot run (no script, a bad --conf, modules pip cannot install): the message says why.
            job.failed(e.getMessage());
        }
        catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch job run {} of job {}", runId, launch.jobName(), e);
            job.failed("Cannot launch the job run: " + e.getMessage() + " (log: " + log + ")");
        }
    }

    private JobRunCommand command(JobRunLaunch launch, JobRunCommand.Placement placement) throws IOException {
        return switch (launch.commandName()) {
            case JobRunCommand.PYTHON_SHELL -> JobRunCommand.pythonShell(launch, config, placement, directories);
            case JobRunCommand.GLUEETL, "gluestreaming" -> {
                List<Path> jars = distribution.driverJars();
                JobRunCommand.SparkInstallation spark = new JobRunCommand.SparkInstallation(distribution.sparkHome(), jars,
                        distribution.jarOf(jars, DRIVER_ARTIFACT));
                yield JobRunCommand.glueetl(launch, config, spark, placement, directories);
            }
            default -> throw new EpoxyException(dev.epoxy.core.ErrorCode.INVALID_INPUT, "Command.Name %s cannot run here; use glueetl or pythonshell",
                    launch.commandName());
        };
    }

    /** The script in the run directory (a copy of an s3:// object: later uploads do not change a running run); a local path as is. */
    private Path copyScript(JobRunLaunch launch) throws IOException {
        Path source = JobScripts.resolve(launch.scriptLocation(), config.sparkConf(), config.home());
        if (!JobScripts.isInStorage(launch.scriptLocation())) {
            return source;
        }
        Path scriptDirectory = directories.scriptDirectoryOf(launch.runId());
        Files.createDirectories(scriptDirectory);
        Path copy = scriptDirectory.resolve(source.getFileName().toString());
        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private static void writeState(Path file, Optional<String> state) throws IOException {
        if (state.isPresent()) {
            Files.writeString(file, state.get(), UTF_8);
        }
        else {
            Files.deleteIfExists(file);
        }
    }

    private Optional<String> readIfPresent(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, UTF_8)) : Optional.empty();
        }
        catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** One run: its process once started, and the one exit it reports. */
    private final class RunningJob implements JobRunProcess {
        private final String runId;
        private final JobRunListener listener;
        private final AtomicBoolean reported = new AtomicBoolean();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();
        private SupervisedProcess process;
        private boolean stopRequested;

        RunningJob(String runId, JobRunListener listener) {
            this.runId = runId;
            this.listener = listener;
        }

        @Override
        public void stop() {
            SupervisedProcess started;
            synchronized (this) {
                if (stopRequested || finished.isDone()) {
                    return;
                }
                stopRequested = true;
                started = process;
            }
            if (started == null) {
                // Still preparing (copying the script, installing modules): start() sees the request and does not start the process.
                return;
            }
            LOG.info("Stopping job run {} (process {})", runId, started.pid());
            started.stopGroup(config.stopGracePeriod());
        }

        void kill() {
            SupervisedProcess started;
            synchronized (this) {
                started = process;
            }
            if (started != null && started.isAlive()) {
                started.kill();
            }
        }

        void started(ProcessSupervisor supervisor, ProcessLaunch launch) throws IOException {
            SupervisedProcess started;
            synchronized (this) {
                if (stopRequested) {
                    report(JobRunExit.stopped());
                    return;
                }
                started = supervisor.start(launch);
                process = started;
            }
            LOG.info("Job run {} started (pid {}, log {})", runId, started.pid(), launch.log());
            listener.running(runId);
            started.exit().thenAccept(this::exited);
        }

        void failed(String message) {
            LOG.info("Job run {} could not start: {}", runId, message);
            boolean stopped;
            synchronized (this) {
                stopped = stopRequested;
            }
            report(stopped ? JobRunExit.stopped() : JobRunExit.failed(message));
        }

        private void exited(int exitCode) {
            boolean stopped;
            synchronized (this) {
                stopped = stopRequested;
            }
            JobRunExit exit = JobRunExits.of(exitCode, stopped, readIfPresent(directories.errorOf(runId)), readIfPresent(directories.bookmarkCommitOf(runId)),
                    directories.logOf(runId));
            LOG.info("Job run {} ended {} ({})", runId, exit.outcome(), dev.epoxy.driver.protocol.ProcessExit.describe(exitCode));
            report(exit);
        }

        private void report(JobRunExit exit) {
            if (reported.compareAndSet(false, true)) {
                try {
                    listener.exited(runId, exit);
                }
                finally {
                    finished.complete(null);
                }
            }
        }
    }
}
