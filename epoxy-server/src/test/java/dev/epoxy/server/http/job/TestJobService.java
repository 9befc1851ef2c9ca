package dev.epoxy.server.http.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.job.BookmarkOption;
import dev.epoxy.core.job.JobBookmarkEntry;
import dev.epoxy.core.job.JobConfig;
import dev.epoxy.core.job.JobRun;
import dev.epoxy.core.job.JobRunExit;
import dev.epoxy.core.job.JobRunLaunch;
import dev.epoxy.core.job.JobRunRequest;
import dev.epoxy.core.job.JobRunState;
import dev.epoxy.core.job.JobService;
import dev.epoxy.core.job.RunStopFailure;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.testing.TestingClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job run state machine over a real (H2) store and the server's real job documents, with a
 * hand-written launcher standing in for the runs' processes.
 */
final class TestJobService {
    private static final GlueArns ARNS = new GlueArns("eu-west-1", "123456789012");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SHELL = "{\"Role\":\"r\",\"Command\":{\"Name\":\"pythonshell\",\"ScriptLocation\":\"s3://b/s.py\"}%s}";

    @TempDir
    Path home;

    private Stores stores;
    private TestingJobRunLauncher launcher;
    private TestingClock clock;
    private JobService jobs;

    @BeforeEach
    void start() {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty(), ARNS));
        launcher = new TestingJobRunLauncher();
        clock = new TestingClock();
        jobs = newService(JobConfig.defaults());
    }

    @AfterEach
    void stop() {
        jobs.close();
        stores.close();
    }

    private JobService newService(JobConfig config) {
        return new JobService(stores.jobs(), stores.tags(), ARNS, launcher, new JobDocuments(ServiceModel.glue()), clock, config);
    }

    private static String shellJob(String extraMembers) {
        return SHELL.formatted(extraMembers.isEmpty() ? "" : "," + extraMembers);
    }

    private String startAndLaunch(String job, Map<String, String> arguments) {
        String runId = jobs.startJobRun(job, JobRunRequest.withArguments(arguments));
        await().atMost(WAIT).until(() -> launcher.isLaunched(runId));
        return runId;
    }

    private JobRun awaitState(String job, String runId, JobRunState state) {
        await().atMost(WAIT).until(() -> jobs.loadRun(job, runId).state() == state);
        return jobs.loadRun(job, runId);
    }

    private static void assertFails(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOf(EpoxyException.class).hasMessage(message)
                .satisfies(e -> assertThat(((EpoxyException) e).code()).isEqualTo(code));
    }

    @Test
    void aRunGoesFromStartingThroughRunningToSucceeded() {
        jobs.createJob("j", shellJob(""), Map.of());
        String runId = jobs.startJobRun("j", JobRunRequest.withArguments(Map.of()));
        assertThat(runId).matches("jr_[0-9a-f]{64}");
        assertThat(jobs.loadRun("j", runId).state()).isIn(JobRunState.STARTING);
        await().atMost(WAIT).until(() -> launcher.isLaunched(runId));

        launcher.running(runId);
        assertThat(jobs.loadRun("j", runId).state()).isEqualTo(JobRunState.RUNNING);
        clock.advance(Duration.ofSeconds(90));
        launcher.exit(runId, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.empty()));

        JobRun run = jobs.loadRun("j", runId);
        assertThat(run.state()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(run.completedOn()).contains(clock.instant());
        assertThat(run.attempt()).isZero();
        assertThat(run.executionSeconds(clock.instant())).isEqualTo(90);
        // 90 s of a 0.0625-DPU Python shell job.
        assertThat(run.dpuSeconds(clock.instant())).isEqualTo(5.625);
        assertThat(run.timeoutMinutes()).isEqualTo(2880);
    }

    @Test
    void theScriptGetsTheMergedArgumentsAndTheServersOwn() {
        jobs.createJob("j", shellJob("\"DefaultArguments\":{\"--a\":\"default\",\"--b\":\"default\",\"--c\":\"default\"},"
                + "\"NonOverridableArguments\":{\"--c\":\"fixed\"}"), Map.of());
        String runId = startAndLaunch("j", Map.of("--b", "run", "--c", "run", "--JOB_NAME", "spoofed"));

        JobRunLaunch launch = launcher.launchOf(runId);
        assertThat(launch.arguments()).containsOnly(
                Map.entry("--a", "default"),
                Map.entry("--b", "run"),
                Map.entry("--c", "fixed"),
                Map.entry("--JOB_NAME", "j"),
                Map.entry("--JOB_RUN_ID", runId),
                Map.entry("--job-bookmark-option", "job-bookmark-disable"),
                Map.entry("--TempDir", "s3://aws-glue-assets-123456789012-eu-west-1/temporary/"));
        assertThat(launch.commandName()).isEqualTo("pythonshell");
        assertThat(launch.scriptLocation()).isEqualTo("s3://b/s.py");
        assertThat(launch.bookmarkOption()).isEqualTo(BookmarkOption.DISABLE);
        // GetJobRun shows the run's own Arguments, as given.
        assertThat(jobs.loadRun("j", runId).arguments()).containsOnly(Map.entry("--b", "run"), Map.entry("--c", "run"), Map.entry("--JOB_NAME", "spoofed"));
    }

    @Test
    void maxConcurrentRunsAreEnforced() {
        jobs.createJob("j", shellJob("\"ExecutionProperty\":{\"MaxConcurrentRuns\":2}"), Map.of());
        String first = startAndLaunch("j", Map.of());
        startAndLaunch("j", Map.of());
        assertFails(() -> jobs.startJobRun("j", JobRunRequest.withArguments(Map.of())), ErrorCode.CONCURRENT_RUNS_EXCEEDED,
                "Cannot start job 'j': 2 of its runs are active, the most its ExecutionProperty.MaxConcurrentRuns allows");

        launcher.exit(first, JobRunExit.failed("ValueError: boom"));
        assertThat(jobs.loadRun("j", first).state()).isEqualTo(JobRunState.FAILED);
        startAndLaunch("j", Map.of());
    }

    @Test
    void theServerWideLimitCountsTheRunsOfEveryJob() {
        jobs.close();
        jobs = newService(JobConfig.defaults().withMaxConcurrentRuns(1));
        jobs.createJob("a", shellJob(""), Map.of());
        jobs.createJob("b", shellJob("\"MaxRetries\":1"), Map.of());
        String first = startAndLaunch("b", Map.of());
        assertFails(() -> jobs.startJobRun("a", JobRunRequest.withArguments(Map.of())), ErrorCode.LIMIT_EXCEEDED,
                "Cannot start job 'a': 1 job runs are active, the most epoxy.job.max-concurrent-runs allows");

        // The failed run's slot goes to its retry.
        launcher.exit(first, JobRunExit.failed("E: x"));
        await().atMost(WAIT).until(() -> jobs.listRuns("b", Optional.empty(), 10).size() == 2);
        String retry = jobs.listRuns("b", Optional.empty(), 10).get(0).id();
        await().atMost(WAIT).until(() -> launcher.isLaunched(retry));
        assertFails(() -> jobs.startJobRun("a", JobRunRequest.withArguments(Map.of())), ErrorCode.LIMIT_EXCEEDED,
                "Cannot start job 'a': 1 job runs are active, the most epoxy.job.max-concurrent-runs allows");
        launcher.exit(retry, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.empty()));
        startAndLaunch("a", Map.of());
    }

    @Test
    void aFailedAttemptIsRetriedAsANewRunUntilMaxRetries() {
        jobs.createJob("j", shellJob("\"MaxRetries\":1"), Map.of());
        String first = startAndLaunch("j", Map.of("--x", "1"));
        launcher.running(first);
        launcher.exit(first, JobRunExit.failed("ValueError: boom"));

        assertThat(jobs.loadRun("j", first).errorMessage()).contains("ValueError: boom");
        await().atMost(WAIT).until(() -> jobs.listRuns("j", Optional.empty(), 10).size() == 2);
        JobRun retry = jobs.listRuns("j", Optional.empty(), 10).get(0);
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.previousRunId()).contains(first);
        assertThat(retry.arguments()).containsOnly(Map.entry("--x", "1"));
        await().atMost(WAIT).until(() -> launcher.isLaunched(retry.id()));
        launcher.exit(retry.id(), JobRunExit.failed("ValueError: again"));

        assertThat(jobs.loadRun("j", retry.id()).state()).isEqualTo(JobRunState.FAILED);
        assertThat(jobs.listRuns("j", Optional.empty(), 10)).extracting(JobRun::id).containsExactly(retry.id(), first);
    }

    @Test
    void stoppedRunsEndStoppedAndUnknownOrFinishedRunsAreReported() {
        jobs.createJob("j", shellJob("\"ExecutionProperty\":{\"MaxConcurrentRuns\":3}"), Map.of());
        String running = startAndLaunch("j", Map.of());
        launcher.running(running);
        String finished = startAndLaunch("j", Map.of());
        launcher.exit(finished, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.empty()));

        List<RunStopFailure> failures = jobs.stopJobRuns("j", List.of(running, finished, "jr_unknown"));

        assertThat(failures).containsExactly(
                new RunStopFailure(finished, ErrorCode.INVALID_INPUT, "Cannot stop job run " + finished + ": it is SUCCEEDED"),
                new RunStopFailure("jr_unknown", ErrorCode.ENTITY_NOT_FOUND, "Job run not found: jr_unknown (job j)"));
        // The process may be stopped by the launch itself, when the stop came before it was recorded.
        JobRun stopped = awaitState("j", running, JobRunState.STOPPED);
        assertThat(launcher.stopped).containsExactly(running);
        assertThat(stopped.errorMessage()).isEmpty();
    }

    @Test
    void aRunLongerThanItsTimeoutIsStoppedAndEndsTimeout() {
        jobs.close();
        jobs = newService(JobConfig.defaults().withTimeoutUnit(Duration.ofMillis(100)));
        jobs.createJob("j", shellJob("\"Timeout\":5"), Map.of());
        String runId = jobs.startJobRun("j", JobRunRequest.withArguments(Map.of()).withTimeout(1));
        await().atMost(WAIT).until(() -> launcher.isLaunched(runId));
        launcher.running(runId);

        JobRun run = awaitState("j", runId, JobRunState.TIMEOUT);

        assertThat(launcher.stopped).containsExactly(runId);
        assertThat(run.timeoutMinutes()).isEqualTo(1);
        assertThat(run.errorMessage()).contains("Job run timed out: it ran longer than its Timeout of 1 minutes and was stopped");
    }

    @Test
    void aJobWithoutScriptLocationFailsItsRunsWithoutLaunching() {
        jobs.createJob("j", "{\"Role\":\"r\",\"Command\":{\"Name\":\"glueetl\"}}", Map.of());
        String runId = jobs.startJobRun("j", JobRunRequest.withArguments(Map.of()));

        JobRun run = awaitState("j", runId, JobRunState.FAILED);

        assertThat(run.errorMessage()).contains("Job j has no Command.ScriptLocation: there is no script to run");
        assertThat(launcher.launched).isEmpty();
        assertThat(run.dpuSeconds(clock.instant())).isZero();
    }

    @Test
    void badStartsAreTheCallersErrors() {
        jobs.createJob("j", shellJob(""), Map.of());
        assertFails(() -> jobs.startJobRun("missing", JobRunRequest.withArguments(Map.of())), ErrorCode.JOB_NOT_FOUND, "Job not found: missing");
        assertFails(() -> jobs.startJobRun("j", JobRunRequest.withArguments(Map.of("--job-bookmark-option", "on"))), ErrorCode.INVALID_INPUT,
                "Invalid --job-bookmark-option: on (job-bookmark-enable, job-bookmark-disable or job-bookmark-pause)");
        assertFails(() -> jobs.startJobRun("j", JobRunRequest.withArguments(Map.of("--job-bookmark-option", "job-bookmark-pause", "--job-bookmark-from", "jr_a"))),
                ErrorCode.INVALID_INPUT, "Invalid arguments: job-bookmark-pause takes both --job-bookmark-from and --job-bookmark-to, or neither");
        assertFails(() -> jobs.startJobRun("j", JobRunRequest.withArguments(Map.of()).withTimeout(10081)), ErrorCode.INVALID_INPUT,
                "Invalid Timeout: 10081 (1 to 10080 minutes)");
        jobs.createJob("stream", "{\"Role\":\"r\",\"Command\":{\"Name\":\"gluestreaming\",\"ScriptLocation\":\"s3://b/s.py\"}}", Map.of());
        assertFails(() -> jobs.startJobRun("stream", JobRunRequest.withArguments(Map.of())), ErrorCode.NOT_SUPPORTED,
                "Cannot start job 'stream': gluestreaming jobs cannot run on Epoxy yet (glueetl and pythonshell can)");
        assertThat(jobs.listRuns("j", Optional.empty(), 10)).isEmpty();
    }

    @Test
    void onlySucceededEnabledRunsThatCommitAdvanceTheBookmark() {
        jobs.createJob("j", shellJob("\"DefaultArguments\":{\"--job-bookmark-option\":\"job-bookmark-enable\"}"), Map.of());
        String first = startAndLaunch("j", Map.of());
        assertThat(launcher.launchOf(first).bookmarkState()).isEmpty();
        launcher.exit(first, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.of("{\"src\":1}")));
        assertThat(jobs.getJobBookmark("j", Optional.empty()))
                .isEqualTo(new JobBookmarkEntry("j", 1, 1, 0, Optional.empty(), Optional.of(first), Optional.of("{\"src\":1}")));

        // A failed run's state, and a disabled run's, are not kept.
        String failed = startAndLaunch("j", Map.of());
        assertThat(launcher.launchOf(failed).bookmarkState()).contains("{\"src\":1}");
        launcher.exit(failed, new JobRunExit(JobRunExit.Outcome.FAILED, Optional.of("E: x"), Optional.of("{\"src\":99}")));
        String disabled = startAndLaunch("j", Map.of("--job-bookmark-option", "job-bookmark-disable"));
        assertThat(launcher.launchOf(disabled).bookmarkState()).isEmpty();
        launcher.exit(disabled, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.of("{\"src\":98}")));
        String withoutCommit = startAndLaunch("j", Map.of());
        launcher.exit(withoutCommit, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.empty()));
        assertThat(jobs.getJobBookmark("j", Optional.empty()).version()).isEqualTo(1);

        String second = startAndLaunch("j", Map.of());
        launcher.exit(second, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.of("{\"src\":2}")));
        assertThat(jobs.getJobBookmark("j", Optional.empty()))
                .isEqualTo(new JobBookmarkEntry("j", 2, 2, 0, Optional.empty(), Optional.of(second), Optional.of("{\"src\":2}")));

        // Pause between two runs' states reads both and changes nothing.
        String paused = startAndLaunch("j", Map.of("--job-bookmark-option", "job-bookmark-pause", "--job-bookmark-from", first, "--job-bookmark-to", second));
        assertThat(launcher.launchOf(paused).bookmarkOption()).isEqualTo(BookmarkOption.PAUSE);
        assertThat(launcher.launchOf(paused).bookmarkState()).contains("{\"src\":1}");
        assertThat(launcher.launchOf(paused).bookmarkToState()).contains("{\"src\":2}");
        launcher.exit(paused, new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), Optional.of("{\"src\":3}")));
        assertThat(jobs.getJobBookmark("j", Optional.empty()).version()).isEqualTo(2);

        // Rewind to the first run, then reset.
        assertThat(jobs.resetJobBookmark("j", Optional.of(first)))
                .isEqualTo(new JobBookmarkEntry("j", 3, 1, 0, Optional.empty(), Optional.of(first), Optional.of("{\"src\":1}")));
        String afterRewind = startAndLaunch("j", Map.of());
        assertThat(launcher.launchOf(afterRewind).bookmarkState()).contains("{\"src\":1}");
        launcher.exit(afterRewind, JobRunExit.stopped());
        assertThat(jobs.resetJobBookmark("j", Optional.empty()))
                .isEqualTo(new JobBookmarkEntry("j", 4, 1, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        String afterReset = startAndLaunch("j", Map.of());
        assertThat(launcher.launchOf(afterReset).bookmarkState()).isEmpty();
        assertFails(() -> jobs.resetJobBookmark("j", Optional.of(failed)), ErrorCode.ENTITY_NOT_FOUND,
                "Cannot rewind the bookmark of job j: run " + failed + " committed no bookmark");
    }

    @Test
    void aRestartEndsTheRunsTheOldServerLeftActive() {
        jobs.createJob("j", shellJob("\"ExecutionProperty\":{\"MaxConcurrentRuns\":2}"), Map.of());
        String running = startAndLaunch("j", Map.of());
        launcher.running(running);
        String stopping = startAndLaunch("j", Map.of());
        launcher.running(stopping);
        stores.jobs().updateRun(jobs.loadRun("j", stopping).stopping(clock.instant()), JobRunState.RUNNING);
        jobs.close();
        assertThat(jobs.listRuns("j", Optional.empty(), 10)).extracting(JobRun::state).containsOnly(JobRunState.RUNNING, JobRunState.STOPPING);
        int killsBefore = launcher.orphanKills;

        jobs = newService(JobConfig.defaults());

        assertThat(launcher.orphanKills).isEqualTo(killsBefore + 1);
        assertThat(jobs.loadRun("j", running).state()).isEqualTo(JobRunState.FAILED);
        assertThat(jobs.loadRun("j", running).errorMessage()).contains("the server restarted while the run was running");
        assertThat(jobs.loadRun("j", stopping).state()).isEqualTo(JobRunState.STOPPED);
    }

    @Test
    void deletingAJobStopsItsRunsFirstAndForgetsEverything() {
        jobs.createJob("j", shellJob(""), Map.of("team", "a"));
        String runId = startAndLaunch("j", Map.of());
        launcher.running(runId);

        assertThat(jobs.deleteJob("j")).isTrue();

        await().atMost(WAIT).until(() -> launcher.stopped.contains(runId));
        assertThat(launcher.stopped).containsExactly(runId);
        assertThat(jobs.findJob("j")).isEmpty();
        assertThat(jobs.findRun("j", runId)).isEmpty();
        assertThat(jobs.getTags("j")).isEmpty();
        await().atMost(WAIT).until(() -> launcher.deleted.containsKey("j"));
        assertThat(launcher.deleted.get("j")).containsExactly(runId);
        assertThat(jobs.deleteJob("j")).isFalse();
    }

    @Test
    void jobsWithBadDefinitionsAreRefused() {
        assertFails(() -> jobs.createJob("j", "{\"Role\":\"r\",\"Command\":{\"Name\":\"glueetl\"},\"WorkerType\":\"G.1X\"}", Map.of()), ErrorCode.INVALID_INPUT,
                "Invalid capacity: WorkerType and NumberOfWorkers must be set together (got WorkerType only)");
        assertFails(() -> jobs.createJob("j", "{\"Role\":\"r\"}", Map.of()), ErrorCode.INVALID_INPUT,
                "Invalid job 'j': Command.Name is required (glueetl, pythonshell, ...)");
        jobs.createJob("j", shellJob(""), Map.of());
        assertFails(() -> jobs.createJob("j", shellJob(""), Map.of()), ErrorCode.ALREADY_EXISTS, "Job already exists: j");
        assertFails(() -> jobs.updateJob("j", "{\"Role\":\"r\",\"Command\":{\"Name\":\"pythonshell\"},\"MaxCapacity\":3}"), ErrorCode.INVALID_INPUT,
                "Invalid MaxCapacity: 3.0 (Python shell jobs take 0.0625 or 1)");
        assertFails(() -> jobs.updateJob("missing", shellJob("")), ErrorCode.JOB_NOT_FOUND, "Job not found: missing");
    }
}
