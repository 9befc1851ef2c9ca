package dev.epoxy.server.launch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.ProcessGroup;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and watches the processes Epoxy launches (session drivers, crawls, job runs): in their
 * directory, with their log, a pid file, an exit future, graceful stop then forced kill of the
 * process group, timeout kills, and orphan kills by pid file after a server restart. Exit callbacks
 * and kill timers run on this supervisor's own named daemon threads, never on the JVM's common pool.
 */
public final class ProcessSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);

    private final ScheduledThreadPoolExecutor executor;

    /** @param threadName the name of the supervisor's threads (numbered), e.g. {@code job-run-supervisor} */
    public ProcessSupervisor(String threadName) {
        requireNonNull(threadName, "threadName is null");
        AtomicInteger count = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts the process (the log is appended to, the pid file written once it runs).
     *
     * @throws IOException when the process cannot be started or its pid file not written (the process is then killed)
     */
    public SupervisedProcess start(ProcessLaunch launch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(launch.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        if (launch.pidFile().isPresent()) {
            try {
                Files.writeString(launch.pidFile().get(), process.pid() + "\n" + launch.pidFileNote() + "\n", UTF_8);
            }
            catch (IOException e) {
                process.destroyForcibly();
                throw e;
            }
        }
        return new SupervisedProcess(process, launch.pidFile(), this);
    }

    /** Runs {@code task} on the supervisor's threads (in the calling thread once the supervisor is closed). */
    public void execute(Runnable task) {
        try {
            executor.execute(task);
        }
        catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** Runs {@code task} after {@code delay} on the supervisor's threads (at once in the calling thread once closed). */
    public Future<?> schedule(Runnable task, Duration delay) {
        try {
            return executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException e) {
            task.run();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Kills, with their process groups, the processes that the given pid files (written by an earlier
     * server's {@link #start}) name and that still run a command line {@code isOurs} accepts (a pid may
     * have been reused since), and removes the pid files.
     *
     * @return the note of every pid file read, whether its process still ran or not
     */
    public static List<String> killOrphans(List<Path> pidFiles, Predicate<String> isOurs) {
        List<String> notes = new ArrayList<>();
        for (Path pidFile : pidFiles) {
            try {
                List<String> lines = Files.readAllLines(pidFile, UTF_8);
                long pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).strip());
                ProcessHandle.of(pid)
                        .filter(handle -> handle.info().commandLine().map(isOurs::test).orElse(false))
                        .ifPresent(handle -> {
                            LOG.warn("Killing process {} left by an earlier server (pid file {})", pid, pidFile);
                            handle.descendants().forEach(ProcessHandle::destroyForcibly);
                            handle.destroyForcibly();
                            ProcessGroup.killMembers(pid, ProcessHandle.current().pid());
                        });
                Files.deleteIfExists(pidFile);
                notes.add(lines.size() > 1 ? lines.get(1).strip() : "");
            }
            catch (IOException | NumberFormatException e) {
                LOG.warn("Cannot read pid file {}: {}", pidFile, e.getMessage());
            }
        }
        return List.copyOf(notes);
    }

    /** Stops the timers; processes still running are the owners' to kill (they know the grace periods). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
