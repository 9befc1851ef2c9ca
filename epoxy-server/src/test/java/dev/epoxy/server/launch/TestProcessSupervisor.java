package dev.epoxy.server.launch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.driver.protocol.ProcessGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (sh, sleep) under setsid, as Epoxy starts drivers, crawls and job runs. */
class TestProcessSupervisor {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @TempDir
    Path directory;
    private final ProcessSupervisor supervisor = new ProcessSupervisor("test-supervisor");

    @AfterEach
    void tearDown() {
        supervisor.close();
    }

    @Test
    void processRunsInItsDirectoryWithItsEnvironmentAndLogAndPidFile() throws Exception {
        Path log = directory.resolve("out.log");
        Path pidFile = directory.resolve("p.pid");
        // It waits for the file "go", so that the callback below is in place before it exits.
        SupervisedProcess process = supervisor.start(new ProcessLaunch(List.of("sh", "-c",
                "pwd; echo \"$GREETING\"; echo err >&2; while [ ! -f go ]; do sleep 0.05; done; exit 3"), directory,
                Map.of("GREETING", "hello"), log, Optional.of(pidFile), "note-1"));
        assertThat(pidFile).hasContent(process.pid() + "\nnote-1\n");

        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<Integer> exit = process.exit().thenApply(code -> {
            thread.set(Thread.currentThread().getName());
            return code;
        });
        Files.writeString(directory.resolve("go"), "");
        int exitCode = exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(exitCode).isEqualTo(3);
        assertThat(Files.readString(log, UTF_8)).isEqualTo(directory.toRealPath() + "\nhello\nerr\n");
        // The pid file is gone once the process is, and the exit is reported on the supervisor's own threads.
        assertThat(pidFile).doesNotExist();
        assertThat(thread.get()).startsWith("test-supervisor-");
    }

    @Test
    void stopGroupEndsTheProcessAndEverythingItStarted() throws Exception {
        Path childPid = directory.resolve("child.pid");
        // The leader ignores SIGTERM: the forced kill after the grace period must end it, and its child with it.
        SupervisedProcess process = supervisor.start(new ProcessLaunch(List.of(SETSID.toString(), "--wait", "sh", "-c",
                "trap '' TERM; sleep 1000 & echo $! > child.pid; while true; do sleep 1; done"), directory, Map.of(), directory.resolve("log"), Optional.empty(), ""));
        await().atMost(DEADLINE).until(() -> Files.isRegularFile(childPid) && !Files.readString(childPid).isBlank());
        long child = Long.parseLong(Files.readString(childPid).strip());
        assertThat(ProcessGroup.members(process.pid(), ProcessHandle.current().pid())).contains(process.pid(), child);

        process.stopGroup(Duration.ofMillis(500));

        int exitCode = process.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(exitCode).isEqualTo(137);
        assertThat(process.stopRequested()).isTrue();
        assertThat(ProcessGroup.members(process.pid(), ProcessHandle.current().pid())).isEmpty();
    }

    @Test
    void leftoversOfTheGroupAreKilledWhenTheLeaderExits() throws Exception {
        Path childPid = directory.resolve("child.pid");
        SupervisedProcess process = supervisor.start(new ProcessLaunch(List.of(SETSID.toString(), "--wait", "sh", "-c",
                "sleep 1000 & echo $! > child.pid; exit 0"), directory, Map.of(), directory.resolve("log"), Optional.empty(), ""));

        assertThat(process.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isZero();
        long child = Long.parseLong(Files.readString(childPid).strip());
        assertThat(ProcessGroup.members(process.pid(), ProcessHandle.current().pid())).doesNotContain(child).isEmpty();
    }

    @Test
    void timeoutStopsAProcessThatRunsTooLong() throws Exception {
        SupervisedProcess process = supervisor.start(new ProcessLaunch(List.of("sleep", "1000"), directory, Map.of(), directory.resolve("log"), Optional.empty(), ""));
        process.stopAfterTimeout(Duration.ofMillis(200), Duration.ofSeconds(5));
        assertThat(process.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(143);
    }

    @Test
    void orphansAreKilledByPidFileOnlyWhenTheirCommandLineIsOurs() throws Exception {
        Process orphan = new ProcessBuilder(SETSID.toString(), "--wait", "sleep", "1001").start();
        Process stranger = new ProcessBuilder("sleep", "1002").start();
        try {
            Path orphanFile = pidFile("orphan.pid", orphan.pid() + "\nrun-1\n");
            Path strangerFile = pidFile("stranger.pid", stranger.pid() + "\nrun-2\n");
            Path goneFile = pidFile("gone.pid", "999999999\nrun-3\n");
            Path garbage = pidFile("garbage.pid", "not a pid\n");

            List<String> notes = ProcessSupervisor.killOrphans(List.of(orphanFile, strangerFile, goneFile, garbage), commandLine -> commandLine.contains("1001"));

            assertThat(notes).containsExactly("run-1", "run-2", "run-3");
            assertThat(orphan.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(stranger.isAlive()).isTrue();
            assertThat(orphanFile).doesNotExist();
            assertThat(strangerFile).doesNotExist();
            assertThat(goneFile).doesNotExist();
            assertThat(garbage).exists();
        }
        finally {
            orphan.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    private Path pidFile(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, UTF_8);
        return file;
    }
}
