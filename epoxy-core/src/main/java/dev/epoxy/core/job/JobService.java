package dev.epoxy.core.job;

import static dev.epoxy.core.Checks.checkInput;
import static dev.epoxy.core.ErrorCode.CONCURRENT_RUNS_EXCEEDED;
import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.JOB_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.LIMIT_EXCEEDED;
import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.tag.TagStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs and the state machine of their runs. StartJobRun stores a STARTING run (the job's
 * MaxConcurrentRuns checked in the same transaction) and returns; the launch happens on the service's
 * own executor. The launcher's {@link JobRunListener} moves the run to RUNNING and to its end:
 * SUCCEEDED (with the committed bookmark, atomically, for {@code job-bookmark-enable}), FAILED (retried
 * as a new run while Attempt &lt; MaxRetries), STOPPED after BatchStopJobRun, TIMEOUT after the run's
 * Timeout. Every transition is a compare-and-set on the stored state.
 */
public final class JobService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    static final String RESTARTED_MESSAGE = "the server restarted while the run was running";

    private final JobStore store;
    private final TagStore tags;
    private final GlueArns arns;
    private final JobRunLauncher launcher;
    private final JobDefinitionParser parser;
    private final Clock clock;
    private final JobConfig config;
    private final ScheduledExecutorService executor;
    private final Map<String, JobRunProcess> processes = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> exits = new ConcurrentHashMap<>();
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    /** One permit per active run of this server (epoxy.job.max-concurrent-runs); the runs holding one. */
    private final Semaphore runSlots;
    private final Set<String> slotHolders = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * Creates the service and ends, truthfully, the runs an earlier server left active: their
     * processes are killed, STOPPING runs end STOPPED and the others FAILED with
     * {@link #RESTARTED_MESSAGE}.
     */
    public JobService(JobStore store, TagStore tags, GlueArns arns, JobRunLauncher launcher, JobDefinitionParser parser, Clock clock, JobConfig config) {
        this.store = requireNonNull(store, "store is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = requireNonNull(config, "config is null");
        this.runSlots = new Semaphore(config.maxConcurrentRuns());
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "epoxy-job-runs-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        recover();
    }

    /**
     * Creates a job from its document (checked by reading it).
     *
     * @throws EpoxyException {@code ALREADY_EXISTS}; {@code INVALID_INPUT} for a document that breaks Glue's
     *     rules or more than {@link TagStore#MAX_TAGS} tags
     */
    public Job createJob(String name, String document, Map<String, String> jobTags) {
        parser.parse(name, document);
        checkInput(jobTags.size() <= TagStore.MAX_TAGS, "Cannot tag job '%s': a resource can have at most %s tags, and this would make %s",
                name, TagStore.MAX_TAGS, jobTags.size());
        Instant now = clock.instant();
        Job job = new Job(name, document, now, now);
        store.createJob(job);
        // A new job's tags: nothing a deleted namesake left behind survives.
        tags.replaceTags(arnOf(name), jobTags);
        LOG.info("Job {} created", name);
        return job;
    }

    public Optional<Job> findJob(String name) {
        return store.findJob(name);
    }

    /** @throws EpoxyException {@code JOB_NOT_FOUND} */
    public Job loadJob(String name) {
        return store.findJob(name).orElseThrow(() -> new EpoxyException(JOB_NOT_FOUND, "Job not found: %s", JobNames.shortened(name)));
    }

    /** The typed view of a stored job. */
    public JobDefinition definitionOf(Job job) {
        return parser.parse(job.name(), job.document());
    }

    /** A page of jobs by name, after {@code afterName} (from the first when empty). */
    public List<Job> listJobs(Optional<String> afterName, int limit) {
        return store.listJobs(afterName, limit);
    }

    /** The job's tags (for ListJobs' Tags filter). */
    public Map<String, String> getTags(String name) {
        return tags.getTags(arnOf(name));
    }

    /**
     * Replaces the job's document (UpdateJob overwrites the whole definition); runs already started keep
     * their settings.
     *
     * @throws EpoxyException {@code JOB_NOT_FOUND}; {@code INVALID_INPUT} for a document that breaks Glue's rules
     */
    public Job updateJob(String name, String document) {
        Job current = loadJob(name);
        parser.parse(name, document);
        Job updated = current.withDocument(document, clock.instant());
        if (!store.updateJob(updated)) {
            throw new EpoxyException(JOB_NOT_FOUND, "Job not found: %s", JobNames.shortened(name));
        }
        return updated;
    }

    /**
     * Deletes the job, its runs, its bookmark and its tags; active runs are stopped first. A job that
     * does not exist is no error (as in Glue).
     *
     * @return whether a job was deleted
     */
    public boolean deleteJob(String name) {
        Optional<Job> job = store.findJob(name);
        if (job.isEmpty()) {
            return false;
        }
        Set<String> runIds = new LinkedHashSet<>();
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<JobRun> page = store.listRuns(name, after, 100);
            for (JobRun run : page) {
                runIds.add(run.id());
                if (run.state().isActive()) {
                    CompletableFuture<Void> exit = exitOf(run.id());
                    stopped.add(exit);
                    stop(run);
                    // Ended before the stop (its exit was forgotten already): nothing to wait for.
                    if (store.findRun(name, run.id()).map(current -> !current.state().isActive()).orElse(true)) {
                        exits.remove(run.id(), exit);
                        exit.complete(null);
                    }
                }
            }
            if (page.size() < 100) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        boolean deleted = store.deleteJob(name);
        tags.deleteTags(arnOf(name));
        // The stopped runs' processes may still write their logs: the launcher cleans up once they are gone.
        CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
                .orTimeout(config.deleteStopWait().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((ignored, failure) -> {
                    if (failure instanceof TimeoutException) {
                        LOG.warn("Runs of deleted job {} did not exit within {}; removing their files anyway", name, config.deleteStopWait());
                    }
                    launcher.jobDeleted(name, runIds);
                }, executor);
        LOG.info("Job {} deleted ({} runs, {} stopped)", name, runIds.size(), stopped.size());
        return deleted;
    }

    /**
     * Starts a run of the job and returns its id at once; the process starts off the request thread.
     *
     * @throws EpoxyException {@code JOB_NOT_FOUND}; {@code CONCURRENT_RUNS_EXCEEDED} when the job's
     *     MaxConcurrentRuns runs are active; {@code INVALID_INPUT} for bad arguments or capacity;
     *     {@code NOT_SUPPORTED} for gluestreaming and glueray jobs
     */
    public String startJobRun(String jobName, JobRunRequest request) {
        Job job = loadJob(jobName);
        JobDefinition definition = definitionOf(job);
        if (definition.command() != JobCommandName.GLUEETL && definition.command() != JobCommandName.PYTHONSHELL) {
            throw new EpoxyException(NOT_SUPPORTED, "Cannot start job '%s': %s jobs cannot run on Epoxy yet (glueetl and pythonshell can)",
                    jobName, definition.command().wireName());
        }
        JobCapacity capacity = request.overridesCapacity()
                ? JobCapacity.resolve(definition.command(), definition.glueVersion(), request.workerType(), request.numberOfWorkers(), request.maxCapacity())
                : definition.capacity();
        int timeout = request.timeout().map(JobDefinition::checkTimeout).orElse(definition.timeoutMinutes());
        request.executionClass().ifPresent(value -> checkInput(value.equals("STANDARD") || value.equals("FLEX"), "Invalid ExecutionClass: %s (STANDARD or FLEX)", value));
        int attempt = 0;
        if (request.retryOf().isPresent()) {
            JobRun previous = loadRun(jobName, request.retryOf().get());
            attempt = previous.attempt() + 1;
        }
        // Checked now, so that a bad option is the caller's error and not a failed run.
        bookmarkSettings(jobName, JobArguments.merge(definition.defaultArguments(), request.arguments(), definition.nonOverridableArguments()));
        Instant now = clock.instant();
        JobRun run = new JobRun(JobRunIds.newId(), jobName, attempt, request.retryOf(), JobRunState.STARTING, now, Optional.empty(), now, Optional.empty(),
                request.arguments(), Optional.empty(), timeout, definition.command(), capacity, definition.glueVersion(),
                request.executionClass().or(definition::executionClass));
        if (!runSlots.tryAcquire()) {
            throw new EpoxyException(LIMIT_EXCEEDED, "Cannot start job '%s': %s job runs are active, the most epoxy.job.max-concurrent-runs allows",
                    jobName, config.maxConcurrentRuns());
        }
        boolean created = false;
        try {
            created = store.createRun(run, definition.maxConcurrentRuns());
        }
        finally {
            if (created) {
                slotHolders.add(run.id());
            }
            else {
                runSlots.release();
            }
        }
        if (!created) {
            throw new EpoxyException(CONCURRENT_RUNS_EXCEEDED, "Cannot start job '%s': %s of its runs are active, the most its ExecutionProperty.MaxConcurrentRuns allows",
                    jobName, definition.maxConcurrentRuns());
        }
        LOG.info("Run {} of job {} started (attempt {})", run.id(), jobName, attempt);
        submitLaunch(run);
        return run.id();
    }

    public Optional<JobRun> findRun(String jobName, String runId) {
        return store.findRun(jobName, runId);
    }

    /** @throws EpoxyException {@code ENTITY_NOT_FOUND} when the job has no such run */
    public JobRun loadRun(String jobName, String runId) {
        return store.findRun(jobName, runId).orElseThrow(() -> new EpoxyException(ENTITY_NOT_FOUND, "Job run not found: %s (job %s)", JobNames.shortened(runId), JobNames.shortened(jobName)));
    }

    /** @throws EpoxyException {@code JOB_NOT_FOUND} */
    public List<JobRun> listRuns(String jobName, Optional<String> afterRunId, int limit) {
        loadJob(jobName);
        return store.listRuns(jobName, afterRunId, limit);
    }

    /**
     * Asks runs to stop (BatchStopJobRun): each active run becomes STOPPING, its process is stopped, and it
     * ends STOPPED.
     *
     * @return the runs that could not be stopped, with why (unknown, or ended already)
     */
    public List<RunStopFailure> stopJobRuns(String jobName, List<String> runIds) {
        List<RunStopFailure> failures = new ArrayList<>();
        for (String runId : runIds) {
            Optional<JobRun> run = store.findRun(jobName, runId);
            if (run.isEmpty()) {
                failures.add(new RunStopFailure(runId, ENTITY_NOT_FOUND, "Job run not found: %s (job %s)".formatted(JobNames.shortened(runId), JobNames.shortened(jobName))));
            }
            else if (!run.get().state().isActive()) {
                failures.add(new RunStopFailure(runId, INVALID_INPUT, "Cannot stop job run %s: it is %s".formatted(runId, run.get().state())));
            }
            else {
                stop(run.get());
            }
        }
        return List.copyOf(failures);
    }

    /**
     * The job's current bookmark entry, or the one run {@code runId} committed.
     *
     * @throws EpoxyException {@code JOB_NOT_FOUND}; {@code ENTITY_NOT_FOUND} when there is no such entry
     */
    public JobBookmarkEntry getJobBookmark(String jobName, Optional<String> runId) {
        loadJob(jobName);
        Optional<JobBookmarkEntry> entry = runId.isPresent() ? store.findBookmarkOfRun(jobName, runId.get()) : store.findBookmark(jobName);
        return entry.orElseThrow(() -> runId.isPresent()
                ? new EpoxyException(ENTITY_NOT_FOUND, "No bookmark of job %s was committed by run %s", jobName, runId.get())
                : new EpoxyException(ENTITY_NOT_FOUND, "Job %s has no bookmark: no run has committed one", jobName));
    }

    /**
     * Resets the job's bookmark (the next enabled run processes everything), or rewinds it to the state
     * run {@code runId} committed; either is a new version.
     *
     * @throws EpoxyException {@code JOB_NOT_FOUND}; {@code ENTITY_NOT_FOUND} when the run committed nothing
     */
    public JobBookmarkEntry resetJobBookmark(String jobName, Optional<String> runId) {
        loadJob(jobName);
        BookmarkUpdate update = runId.<BookmarkUpdate>map(BookmarkUpdate.RewindTo::new).orElseGet(BookmarkUpdate.Reset::new);
        JobBookmarkEntry entry = store.appendBookmark(jobName, update);
        LOG.info("Bookmark of job {} {} (version {})", jobName, runId.map(id -> "rewound to run " + id).orElse("reset"), entry.version());
        return entry;
    }

    /** The ARN of a job's tags. */
    public GlueArn arnOf(String name) {
        return arns.arnOf(GlueResourceType.JOB, name);
    }

    /**
     * Stops every run's process. Their runs stay active in the store, so that the next server start ends
     * them FAILED with {@link #RESTARTED_MESSAGE}, as after a crash.
     */
    @Override
    public void close() {
        closing = true;
        executor.shutdownNow();
        processes.values().forEach(JobRunProcess::stop);
    }

    private void stop(JobRun run) {
        if (run.state() != JobRunState.STOPPING && !store.updateRun(run.stopping(clock.instant()), run.state())) {
            // It moved on meanwhile (RUNNING, or ended): the caller's intent still holds while it is active.
            store.findRun(run.jobName(), run.id()).filter(current -> current.state().isActive()).ifPresent(this::stop);
            return;
        }
        LOG.info("Stopping run {} of job {}", run.id(), run.jobName());
        JobRunProcess process = processes.get(run.id());
        if (process != null) {
            process.stop();
        }
        // Without a process yet, the launch sees STOPPING and ends the run instead of starting it.
    }

    private void submitLaunch(JobRun run) {
        executor.execute(() -> {
            try {
                launch(run);
            }
            catch (RuntimeException e) {
                LOG.error("Cannot launch run {} of job {}", run.id(), run.jobName(), e);
                end(run.id(), run.jobName(), JobRunExit.failed("Epoxy could not start the run: " + e.getMessage()));
            }
        });
    }

    private void launch(JobRun run) {
        Optional<JobRun> current = store.findRun(run.jobName(), run.id());
        Optional<Job> job = store.findJob(run.jobName());
        if (current.isEmpty() || job.isEmpty()) {
            // Deleted with its job before it could start.
            forget(run.id());
            return;
        }
        if (current.get().state() != JobRunState.STARTING) {
            end(run.id(), run.jobName(), JobRunExit.stopped());
            return;
        }
        JobDefinition definition = definitionOf(job.get());
        if (definition.scriptLocation().filter(location -> !location.isBlank()).isEmpty()) {
            end(run.id(), run.jobName(), JobRunExit.failed("Job " + run.jobName() + " has no Command.ScriptLocation: there is no script to run"));
            return;
        }
        Map<String, String> arguments = JobArguments.withServerArguments(
                JobArguments.merge(definition.defaultArguments(), run.arguments(), definition.nonOverridableArguments()),
                run.jobName(), run.id(), JobArguments.defaultTempDir(arns.accountId(), arns.region()));
        BookmarkSettings bookmark = bookmarkSettings(run.jobName(), arguments);
        JobRunLaunch launch = new JobRunLaunch(run.jobName(), run.id(), run.attempt(), definition.command().wireName(), definition.scriptLocation().get(),
                Optional.of(definition.pythonVersion()), arguments, run.capacity().toLaunchCapacity(), bookmark.option(), bookmark.state(), bookmark.toState(),
                definition.connections());
        CompletableFuture<Void> exit = exitOf(run.id());
        JobRunProcess process = launcher.launch(launch, new Listener(run.jobName()));
        processes.put(run.id(), process);
        ScheduledFuture<?> timer = executor.schedule(() -> timeOut(run.jobName(), run.id()),
                config.timeoutUnit().toMillis() * run.timeoutMinutes(), TimeUnit.MILLISECONDS);
        timers.put(run.id(), timer);
        if (exit.isDone()) {
            // It ended (could not start) inside launch(), before the process and timer were recorded.
            processes.remove(run.id(), process);
            timers.remove(run.id(), timer);
            timer.cancel(false);
            return;
        }
        // Stopped (or deleted with its job) between the check above and the process being recorded.
        if (store.findRun(run.jobName(), run.id()).map(stored -> stored.state() == JobRunState.STOPPING).orElse(true)) {
            process.stop();
        }
    }

    private record BookmarkSettings(BookmarkOption option, Optional<String> state, Optional<String> toState) {}

    /** The bookmark option of merged arguments, with the states it starts from (reference B9, awsglue-runtime 4.3). */
    private BookmarkSettings bookmarkSettings(String jobName, Map<String, String> arguments) {
        String value = arguments.getOrDefault(JobArguments.BOOKMARK_OPTION, BookmarkOption.DISABLE.argument());
        BookmarkOption option = BookmarkOption.fromArgument(value).orElseThrow(() -> new EpoxyException(INVALID_INPUT,
                "Invalid %s: %s (job-bookmark-enable, job-bookmark-disable or job-bookmark-pause)", JobArguments.BOOKMARK_OPTION, value));
        Optional<String> from = Optional.ofNullable(arguments.get(JobArguments.BOOKMARK_FROM));
        Optional<String> to = Optional.ofNullable(arguments.get(JobArguments.BOOKMARK_TO));
        return switch (option) {
            case DISABLE -> {
                checkInput(from.isEmpty() && to.isEmpty(), "Invalid arguments: %s and %s go with job-bookmark-pause only", JobArguments.BOOKMARK_FROM, JobArguments.BOOKMARK_TO);
                yield new BookmarkSettings(option, Optional.empty(), Optional.empty());
            }
            case ENABLE -> {
                checkInput(from.isEmpty() && to.isEmpty(), "Invalid arguments: %s and %s go with job-bookmark-pause only", JobArguments.BOOKMARK_FROM, JobArguments.BOOKMARK_TO);
                yield new BookmarkSettings(option, store.findBookmark(jobName).flatMap(JobBookmarkEntry::jobBookmark), Optional.empty());
            }
            case PAUSE -> {
                checkInput(from.isPresent() == to.isPresent(), "Invalid arguments: job-bookmark-pause takes both %s and %s, or neither",
                        JobArguments.BOOKMARK_FROM, JobArguments.BOOKMARK_TO);
                if (from.isEmpty()) {
                    yield new BookmarkSettings(option, store.findBookmark(jobName).flatMap(JobBookmarkEntry::jobBookmark), Optional.empty());
                }
                yield new BookmarkSettings(option, committedBy(jobName, from.get()), committedBy(jobName, to.get()));
            }
        };
    }

    private Optional<String> committedBy(String jobName, String runId) {
        JobBookmarkEntry entry = store.findBookmarkOfRun(jobName, runId).orElseThrow(() ->
                new EpoxyException(INVALID_INPUT, "Invalid bookmark range: run %s of job %s committed no bookmark", runId, jobName));
        return entry.jobBookmark();
    }

    private void timeOut(String jobName, String runId) {
        Optional<JobRun> run = store.findRun(jobName, runId);
        if (run.isEmpty() || !run.get().state().isActive()) {
            return;
        }
        timedOut.add(runId);
        LOG.info("Run {} of job {} timed out after {} minutes; stopping it", runId, jobName, run.get().timeoutMinutes());
        JobRunProcess process = processes.get(runId);
        if (process != null) {
            process.stop();
        }
    }

    private CompletableFuture<Void> exitOf(String runId) {
        return exits.computeIfAbsent(runId, id -> new CompletableFuture<>());
    }

    private void releaseSlot(String runId) {
        if (slotHolders.remove(runId)) {
            runSlots.release();
        }
    }

    private void forget(String runId) {
        releaseSlot(runId);
        processes.remove(runId);
        ScheduledFuture<?> timer = timers.remove(runId);
        if (timer != null) {
            timer.cancel(false);
        }
        timedOut.remove(runId);
        CompletableFuture<Void> exit = exits.remove(runId);
        if (exit != null) {
            exit.complete(null);
        }
    }

    /** Ends the run in the state its exit, a stop or a timeout gives it; retries a failed attempt. */
    private void end(String runId, String jobName, JobRunExit exit) {
        boolean timeout = timedOut.contains(runId);
        try {
            if (closing) {
                return;
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                Optional<JobRun> found = store.findRun(jobName, runId);
                if (found.isEmpty() || !found.get().state().isActive()) {
                    return;
                }
                JobRun current = found.get();
                Instant now = clock.instant();
                JobRun ended = endedRun(current, exit, timeout, now);
                Optional<BookmarkUpdate.Commit> commit = ended.state() == JobRunState.SUCCEEDED && advancesBookmark(current)
                        ? exit.committedBookmark().map(state -> new BookmarkUpdate.Commit(runId, current.attempt(), current.previousRunId(), state))
                        : Optional.empty();
                if (store.endRun(ended, current.state(), commit)) {
                    LOG.info("Run {} of job {} ended {}{}{}", runId, jobName, ended.state(), ended.errorMessage().map(message -> ": " + message).orElse(""),
                            commit.isPresent() ? " (bookmark advanced)" : "");
                    if (ended.state() == JobRunState.FAILED) {
                        // Its slot goes to the retry.
                        releaseSlot(runId);
                        retry(ended);
                    }
                    return;
                }
            }
        }
        finally {
            forget(runId);
        }
    }

    private static JobRun endedRun(JobRun current, JobRunExit exit, boolean timeout, Instant now) {
        if (timeout) {
            return current.ended(JobRunState.TIMEOUT, Optional.of("Job run timed out: it ran longer than its Timeout of %s minutes and was stopped".formatted(current.timeoutMinutes())), now);
        }
        if (current.state() == JobRunState.STOPPING) {
            return current.ended(JobRunState.STOPPED, Optional.empty(), now);
        }
        return switch (exit.outcome()) {
            case SUCCEEDED -> current.ended(JobRunState.SUCCEEDED, Optional.empty(), now);
            case FAILED -> current.ended(JobRunState.FAILED, Optional.of(exit.errorMessage().orElse("The run's process failed")), now);
            case STOPPED -> current.ended(JobRunState.STOPPED, Optional.empty(), now);
        };
    }

    /** Only {@code job-bookmark-enable} runs advance the bookmark (pause reads it, disable ignores it). */
    private boolean advancesBookmark(JobRun run) {
        Optional<Job> job = store.findJob(run.jobName());
        if (job.isEmpty()) {
            return false;
        }
        JobDefinition definition = definitionOf(job.get());
        Map<String, String> arguments = JobArguments.merge(definition.defaultArguments(), run.arguments(), definition.nonOverridableArguments());
        return BookmarkOption.ENABLE.argument().equals(arguments.get(JobArguments.BOOKMARK_OPTION));
    }

    /** A failed attempt is retried as a new run while Attempt &lt; MaxRetries (the job's current setting). */
    private void retry(JobRun failed) {
        Optional<Job> job = store.findJob(failed.jobName());
        if (job.isEmpty()) {
            return;
        }
        JobDefinition definition = definitionOf(job.get());
        if (failed.attempt() >= definition.maxRetries()) {
            return;
        }
        Instant now = clock.instant();
        JobRun retry = new JobRun(JobRunIds.newId(), failed.jobName(), failed.attempt() + 1, Optional.of(failed.id()), JobRunState.STARTING, now, Optional.empty(), now,
                Optional.empty(), failed.arguments(), Optional.empty(), failed.timeoutMinutes(), failed.command(), failed.capacity(), failed.glueVersion(), failed.executionClass());
        if (!runSlots.tryAcquire()) {
            LOG.warn("Cannot retry run {} of job {}: {} job runs are active, the most epoxy.job.max-concurrent-runs allows", failed.id(), failed.jobName(), config.maxConcurrentRuns());
            return;
        }
        if (!store.createRun(retry, definition.maxConcurrentRuns())) {
            runSlots.release();
            LOG.warn("Cannot retry run {} of job {}: {} of its runs are active, the most its MaxConcurrentRuns allows", failed.id(), failed.jobName(), definition.maxConcurrentRuns());
            return;
        }
        slotHolders.add(retry.id());
        LOG.info("Run {} of job {} retries failed run {} (attempt {} of {})", retry.id(), failed.jobName(), failed.id(), retry.attempt(), definition.maxRetries());
        submitLaunch(retry);
    }

    private void recover() {
        Set<String> orphans = launcher.killOrphans();
        for (JobRun run : store.listActiveRuns()) {
            Instant now = clock.instant();
            JobRun ended = run.state() == JobRunState.STOPPING
                    ? run.ended(JobRunState.STOPPED, Optional.empty(), now)
                    : run.ended(JobRunState.FAILED, Optional.of(RESTARTED_MESSAGE), now);
            store.endRun(ended, run.state(), Optional.empty());
            LOG.warn("Run {} of job {} was {} when the server stopped{}; it is marked {}", run.id(), run.jobName(), run.state(),
                    orphans.contains(run.id()) ? " (its process was killed)" : "", ended.state());
        }
    }

    /** The launcher's events of one job's runs. */
    private final class Listener implements JobRunListener {
        private final String jobName;

        Listener(String jobName) {
            this.jobName = jobName;
        }

        @Override
        public void running(String runId) {
            if (closing) {
                return;
            }
            store.findRun(jobName, runId)
                    .filter(run -> run.state() == JobRunState.STARTING)
                    .ifPresent(run -> store.updateRun(run.running(clock.instant()), JobRunState.STARTING));
        }

        @Override
        public void exited(String runId, JobRunExit exit) {
            end(runId, jobName, exit);
        }
    }
}
