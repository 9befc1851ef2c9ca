package dev.epoxy.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.job.BookmarkUpdate;
import dev.epoxy.core.job.Job;
import dev.epoxy.core.job.JobBookmarkEntry;
import dev.epoxy.core.job.JobCapacity;
import dev.epoxy.core.job.JobCommandName;
import dev.epoxy.core.job.JobRun;
import dev.epoxy.core.job.JobRunState;
import dev.epoxy.core.job.JobStore;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.JdbcStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link JobStore}, run against every database; each test starts from an empty, migrated one. */
public abstract class BaseJobStoreTest {
    private static final String UNICODE = "Grüße, 日本語, 🚀, \"quoted\" 'single'";
    private static final Instant CREATED = Instant.ofEpochMilli(1_780_000_000_123L);

    private JdbcStores opened;
    protected JobStore store;
    private int databaseCount;

    /** Settings of a new, empty database (or schema) named {@code name}. */
    protected abstract StoreSettings emptyDatabase(String name);

    @BeforeEach
    void openStore() {
        opened = JdbcStores.open(emptyDatabase("jobs" + (databaseCount++) + "_" + System.nanoTime() % 1_000_000));
        store = opened.jobs();
    }

    @AfterEach
    void closeStore() {
        opened.close();
    }

    private static Job job(String name) {
        return new Job(name, "{\"Description\":\"" + UNICODE + "\"}", CREATED, CREATED);
    }

    private static JobRun run(String id, String jobName, JobRunState state) {
        return new JobRun(id, jobName, 0, Optional.empty(), state, CREATED, Optional.empty(), CREATED, Optional.empty(), Map.of("--k", UNICODE),
                Optional.empty(), 480, JobCommandName.GLUEETL, JobCapacity.ofWorkers(WorkerType.G_2X, 3), "5.0", Optional.empty());
    }

    private static void assertFails(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOf(EpoxyException.class).hasMessage(message)
                .satisfies(e -> assertThat(((EpoxyException) e).code()).isEqualTo(code));
    }

    @Test
    void jobsRoundTripAndListByName() {
        store.createJob(job("b"));
        store.createJob(job("a"));
        store.createJob(job("c"));
        assertThat(store.findJob("a")).contains(job("a"));
        assertThat(store.findJob("missing")).isEmpty();
        assertThat(store.listJobs(Optional.empty(), 2)).extracting(Job::name).containsExactly("a", "b");
        assertThat(store.listJobs(Optional.of("b"), 10)).extracting(Job::name).containsExactly("c");
        assertFails(() -> store.createJob(job("a")), ErrorCode.ALREADY_EXISTS, "Job already exists: a");

        Job updated = job("a").withDocument("{}", CREATED.plusSeconds(5));
        assertThat(store.updateJob(updated)).isTrue();
        assertThat(store.findJob("a")).contains(updated);
        assertThat(store.updateJob(job("missing"))).isFalse();
        assertThat(store.deleteJob("a")).isTrue();
        assertThat(store.deleteJob("a")).isFalse();
        assertThat(store.findJob("a")).isEmpty();
    }

    @Test
    void runsRoundTripNewestFirstAndPage() {
        store.createJob(job("j"));
        JobRun full = new JobRun("jr_1", "j", 2, Optional.of("jr_0"), JobRunState.SUCCEEDED, CREATED, Optional.of(CREATED.plusSeconds(1)), CREATED.plusSeconds(9),
                Optional.of(CREATED.plusSeconds(9)), Map.of("--a", UNICODE, "--b", ""), Optional.of(UNICODE), 7, JobCommandName.PYTHONSHELL,
                JobCapacity.ofMaxCapacity(0.0625), "3.0", Optional.of("STANDARD"));
        assertThat(store.createRun(full, 1)).isTrue();
        assertThat(store.findRun("j", "jr_1")).contains(full);
        assertThat(store.findRun("other", "jr_1")).isEmpty();
        assertThat(store.createRun(run("jr_2", "j", JobRunState.SUCCEEDED), 1)).isTrue();
        assertThat(store.createRun(run("jr_3", "j", JobRunState.FAILED), 1)).isTrue();
        assertThat(store.findRun("j", "jr_2")).contains(run("jr_2", "j", JobRunState.SUCCEEDED));

        assertThat(store.listRuns("j", Optional.empty(), 2)).extracting(JobRun::id).containsExactly("jr_3", "jr_2");
        assertThat(store.listRuns("j", Optional.of("jr_2"), 2)).extracting(JobRun::id).containsExactly("jr_1");
        assertFails(() -> store.createRun(run("jr_9", "missing", JobRunState.STARTING), 1), ErrorCode.JOB_NOT_FOUND, "Job not found: missing");
    }

    @Test
    void activeRunsCountAgainstTheLimitAndStateChangesAreCompareAndSet() {
        store.createJob(job("j"));
        assertThat(store.createRun(run("jr_1", "j", JobRunState.STARTING), 2)).isTrue();
        assertThat(store.createRun(run("jr_2", "j", JobRunState.STOPPING), 2)).isTrue();
        assertThat(store.createRun(run("jr_3", "j", JobRunState.STARTING), 2)).isFalse();
        assertThat(store.findRun("j", "jr_3")).isEmpty();
        assertThat(store.listActiveRuns()).extracting(JobRun::id).containsExactly("jr_1", "jr_2");

        JobRun running = run("jr_1", "j", JobRunState.STARTING).running(CREATED.plusSeconds(2));
        assertThat(store.updateRun(running, JobRunState.RUNNING)).isFalse();
        assertThat(store.updateRun(running, JobRunState.STARTING)).isTrue();
        assertThat(store.findRun("j", "jr_1")).contains(running);
        assertThat(store.endRun(running.ended(JobRunState.FAILED, Optional.of("E: x"), CREATED.plusSeconds(3)), JobRunState.RUNNING, Optional.empty())).isTrue();
        assertThat(store.createRun(run("jr_3", "j", JobRunState.STARTING), 2)).isTrue();
        assertThat(store.listActiveRuns()).extracting(JobRun::id).containsExactly("jr_2", "jr_3");
    }

    @Test
    void concurrentStartsNeverExceedTheLimit() throws Exception {
        store.createJob(job("j"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "jr_" + i;
                starts.add(() -> store.createRun(run(id, "j", JobRunState.STARTING), 1));
            }
            long created = 0;
            for (Future<Boolean> result : pool.invokeAll(starts)) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(store.listActiveRuns()).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bookmarksKeepTheirHistory() {
        store.createJob(job("j"));
        assertThat(store.findBookmark("j")).isEmpty();
        store.createRun(run("jr_1", "j", JobRunState.RUNNING), 1);
        JobRun ended = run("jr_1", "j", JobRunState.RUNNING).ended(JobRunState.SUCCEEDED, Optional.empty(), CREATED.plusSeconds(1));
        assertThat(store.endRun(ended, JobRunState.RUNNING, Optional.of(new BookmarkUpdate.Commit("jr_1", 0, Optional.empty(), "{\"s\":\"" + UNICODE + "\"}")))).isTrue();
        JobBookmarkEntry first = new JobBookmarkEntry("j", 1, 1, 0, Optional.empty(), Optional.of("jr_1"), Optional.of("{\"s\":\"" + UNICODE + "\"}"));
        assertThat(store.findBookmark("j")).contains(first);
        // A run whose state changed meanwhile commits nothing.
        assertThat(store.endRun(ended, JobRunState.RUNNING, Optional.of(new BookmarkUpdate.Commit("jr_1", 0, Optional.empty(), "{}")))).isFalse();
        assertThat(store.findBookmark("j")).contains(first);

        JobBookmarkEntry second = store.appendBookmark("j", new BookmarkUpdate.Commit("jr_2", 1, Optional.of("jr_x"), "{\"s\":2}"));
        assertThat(second).isEqualTo(new JobBookmarkEntry("j", 2, 2, 1, Optional.of("jr_x"), Optional.of("jr_2"), Optional.of("{\"s\":2}")));
        assertThat(store.appendBookmark("j", new BookmarkUpdate.Reset())).isEqualTo(new JobBookmarkEntry("j", 3, 2, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(store.findBookmark("j").flatMap(JobBookmarkEntry::jobBookmark)).isEmpty();
        assertThat(store.appendBookmark("j", new BookmarkUpdate.RewindTo("jr_1")))
                .isEqualTo(new JobBookmarkEntry("j", 4, 1, 0, Optional.empty(), Optional.of("jr_1"), Optional.of("{\"s\":\"" + UNICODE + "\"}")));
        assertThat(store.findBookmarkOfRun("j", "jr_2")).contains(second);
        assertThat(store.findBookmarkOfRun("j", "jr_1")).contains(first);
        assertFails(() -> store.appendBookmark("j", new BookmarkUpdate.RewindTo("jr_none")), ErrorCode.ENTITY_NOT_FOUND,
                "Cannot rewind the bookmark of job j: run jr_none committed no bookmark");
        assertFails(() -> store.appendBookmark("missing", new BookmarkUpdate.Reset()), ErrorCode.JOB_NOT_FOUND, "Job not found: missing");
    }

    @Test
    void deletingAJobDeletesItsRunsAndBookmarks() {
        store.createJob(job("j"));
        store.createRun(run("jr_1", "j", JobRunState.RUNNING), 1);
        store.appendBookmark("j", new BookmarkUpdate.Commit("jr_1", 0, Optional.empty(), "{}"));
        assertThat(store.deleteJob("j")).isTrue();

        store.createJob(job("j"));
        assertThat(store.findRun("j", "jr_1")).isEmpty();
        assertThat(store.listRuns("j", Optional.empty(), 10)).isEmpty();
        assertThat(store.listActiveRuns()).isEmpty();
        assertThat(store.findBookmark("j")).isEmpty();
    }
}
