package dev.epoxy.server.http.job;

import dev.epoxy.core.job.JobRunExit;
import dev.epoxy.core.job.JobRunLaunch;
import dev.epoxy.core.job.JobRunLauncher;
import dev.epoxy.core.job.JobRunListener;
import dev.epoxy.core.job.JobRunProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written launcher for the job state machine's tests (a job run's process is outside what a
 * unit test can run): a run "runs" until the test ends it with {@link #exit}, or until it is stopped,
 * when it ends STOPPED the way a killed process does.
 */
final class TestingJobRunLauncher implements JobRunLauncher {
    final List<JobRunLaunch> launched = new CopyOnWriteArrayList<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    final Map<String, Set<String>> deleted = new ConcurrentHashMap<>();
    volatile Set<String> orphans = Set.of();
    volatile int orphanKills;
    private final Map<String, JobRunListener> listeners = new ConcurrentHashMap<>();

    @Override
    public JobRunProcess launch(JobRunLaunch launch, JobRunListener listener) {
        launched.add(launch);
        listeners.put(launch.runId(), listener);
        // Idempotent, as the contract says: a second stop of one run is not recorded again.
        return () -> {
            synchronized (stopped) {
                if (stopped.contains(launch.runId())) {
                    return;
                }
                stopped.add(launch.runId());
            }
            exit(launch.runId(), JobRunExit.stopped());
        };
    }

    /** The run's process started (nothing, when it has ended already: a short timer may beat the test). */
    void running(String runId) {
        JobRunListener listener = listeners.get(runId);
        if (listener != null) {
            listener.running(runId);
        }
    }

    /** Ends the run's process with this exit (once; later calls do nothing, as a process exits once). */
    void exit(String runId, JobRunExit exit) {
        JobRunListener listener = listeners.remove(runId);
        if (listener != null) {
            listener.exited(runId, exit);
        }
    }

    JobRunLaunch launchOf(String runId) {
        return launched.stream().filter(launch -> launch.runId().equals(runId)).findFirst()
                .orElseThrow(() -> new AssertionError("Run " + runId + " was not launched; launched: " + launched));
    }

    boolean isLaunched(String runId) {
        return launched.stream().anyMatch(launch -> launch.runId().equals(runId));
    }

    @Override
    public Set<String> killOrphans() {
        orphanKills++;
        return orphans;
    }

    @Override
    public Path logOf(String runId) {
        return Path.of("logs", runId, "run.log");
    }

    @Override
    public void jobDeleted(String jobName, Set<String> runIds) {
        deleted.put(jobName, Set.copyOf(runIds));
    }
}
