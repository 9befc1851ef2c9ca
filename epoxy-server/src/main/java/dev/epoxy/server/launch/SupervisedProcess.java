package dev.epoxy.server.launch;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.ProcessGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process {@link ProcessSupervisor} started. It leads its own process group when started under
 * {@code setsid}; once it has exited, for whatever reason, what is left of that group is killed and
 * its pid file removed, and only then does {@link #exit()} complete, on the supervisor's executor.
 */
public final class SupervisedProcess {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedProcess.class);
    /** How long after SIGTERM (a forced kill's first step) SIGKILL follows when the process ignores it. */
    static final Duration FORCE_KILL_AFTER_TERM = Duration.ofSeconds(5);

    private final Process process;
    private final Optional<Path> pidFile;
    private final ProcessSupervisor supervisor;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile Future<?> timeout;

    SupervisedProcess(Process process, Optional<Path> pidFile, ProcessSupervisor supervisor) {
        this.process = requireNonNull(process, "process is null");
        this.pidFile = requireNonNull(pidFile, "pidFile is null");
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        // Off the JDK's process reaper thread: what listens to the exit may write to a store.
        process.onExit().thenAcceptAsync(ended -> exited(), supervisor::execute);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether {@link #stop} or {@link #kill} was called. */
    public boolean stopRequested() {
        return stopRequested.get();
    }

    /**
     * The exit code ({@link dev.epoxy.driver.protocol.ProcessExit#describe} reads it), completed on
     * the supervisor's executor after the rest of the process group was killed.
     */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /**
     * SIGTERM now, then SIGKILL for the process and its group if it still runs after
     * {@code gracePeriod}. Idempotent: only the first call counts.
     */
    public void stop(Duration gracePeriod) {
        if (stopRequested.compareAndSet(false, true)) {
            terminateThenKill(Duration.ZERO, gracePeriod);
        }
    }

    /**
     * SIGTERM now to the process and every member of its group (a job run's Spark JVM and its Python
     * both), then SIGKILL for what still runs after {@code gracePeriod}. Idempotent.
     */
    public void stopGroup(Duration gracePeriod) {
        if (stopRequested.compareAndSet(false, true)) {
            supervisor.execute(() -> {
                if (process.isAlive()) {
                    ProcessGroup.members(process.pid(), ProcessHandle.current().pid()).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
                    process.destroy();
                    supervisor.schedule(this::killGroupIfAlive, gracePeriod);
                }
            });
        }
    }

    /** Asks for an orderly stop only after {@code delay} (e.g. once the process was asked to stop over a link). */
    public void stopAfter(Duration delay, Duration gracePeriod) {
        if (stopRequested.compareAndSet(false, true)) {
            terminateThenKill(delay, gracePeriod);
        }
    }

    /** SIGKILL for the process and its whole group, now. */
    public void kill() {
        stopRequested.set(true);
        killGroup();
    }

    /** Kills the process (as {@link #stop} does) if it still runs after {@code limit}; the timer ends with the process. */
    public void stopAfterTimeout(Duration limit, Duration gracePeriod) {
        timeout = supervisor.schedule(() -> stop(gracePeriod), limit);
    }

    private void terminateThenKill(Duration delay, Duration gracePeriod) {
        supervisor.schedule(() -> {
            if (process.isAlive()) {
                process.destroy();
                supervisor.schedule(this::killGroupIfAlive, gracePeriod);
            }
        }, delay);
    }

    private void killGroupIfAlive() {
        if (process.isAlive()) {
            killGroup();
        }
    }

    private void killGroup() {
        // Descendants first: once the leader is gone, a child that moved to its own group is not found from the leader any more.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        ProcessGroup.killMembers(process.pid(), ProcessHandle.current().pid());
    }

    private void exited() {
        Future<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            int killed = ProcessGroup.killMembers(process.pid(), ProcessHandle.current().pid());
            if (killed > 0) {
                LOG.info("Killed {} processes left in the process group of process {}", killed, process.pid());
            }
            if (pidFile.isPresent()) {
                Files.deleteIfExists(pidFile.get());
            }
        }
        catch (IOException | RuntimeException e) {
            LOG.warn("Cannot clean up after process {}: {}", process.pid(), e.getMessage());
        }
        finally {
            exit.complete(process.exitValue());
        }
    }
}
