package dev.epoxy.driver.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The processes of one Linux process group, read from {@code /proc}. A session driver runs as the
 * leader of its own session and process group (launched under {@code setsid}), so everything its
 * statements start ({@code subprocess}, {@code os.fork}, their children) is in that group, even
 * after the process that started it is gone, unless it calls {@code setsid} itself. Both ends use
 * it: the server kills what is left of a driver's group after the driver exited, the driver kills
 * its group's other members when it shuts down.
 */
public final class ProcessGroup {
    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(5);

    private ProcessGroup() {}

    /** The process group of {@code pid}, or empty when the process is gone (or this is not Linux). */
    public static OptionalLong groupOf(long pid) {
        return stat(pid).map(stat -> OptionalLong.of(stat.group())).orElse(OptionalLong.empty());
    }

    /** The session (the {@code setsid} leader's pid) of {@code pid}, or empty when the process is gone. */
    public static OptionalLong sessionOf(long pid) {
        return stat(pid).map(stat -> OptionalLong.of(stat.session())).orElse(OptionalLong.empty());
    }

    /** Whether the current process leads its own process group (it was started under {@code setsid}). */
    public static boolean currentProcessLeadsItsGroup() {
        long self = ProcessHandle.current().pid();
        OptionalLong group = groupOf(self);
        return group.isPresent() && group.getAsLong() == self;
    }

    /**
     * Live members (zombies excluded) of process group {@code groupId}, except {@code exceptPid}; also the
     * members of the session {@code groupId} leads. A driver started under {@code setsid} leads both a
     * session and a group of the same id, and its Python interpreter moves into a group of its own (so
     * that a cancel can kill the interpreter's tree alone) inside that same session: matching the
     * session keeps the interpreter's processes in reach when the driver died too abruptly to end them.
     */
    public static List<Long> members(long groupId, long exceptPid) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, entry -> isNumber(entry.getFileName().toString()))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid == exceptPid) {
                    continue;
                }
                stat(pid).filter(stat -> (stat.group() == groupId || stat.session() == groupId) && stat.state() != 'Z' && stat.state() != 'X')
                        .ifPresent(stat -> members.add(pid));
            }
        }
        catch (IOException e) {
            return List.of();
        }
        return List.copyOf(members);
    }

    /**
     * Sends SIGKILL to every member of process group {@code groupId} except {@code exceptPid}, again
     * and again until none is left (a member may fork while it is being killed) or a few seconds
     * passed. A group id of 1 or less is refused: it is never a driver's.
     *
     * @return how many processes were sent SIGKILL
     */
    public static int killMembers(long groupId, long exceptPid) {
        if (groupId <= 1) {
            return 0;
        }
        int killed = 0;
        long deadline = System.nanoTime() + KILL_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> members = members(groupId, exceptPid);
            if (members.isEmpty()) {
                break;
            }
            for (long pid : members) {
                if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    killed++;
                }
            }
            // A killed process turns into a zombie (skipped above) within moments; look again soon.
            pause();
        }
        return killed;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Stat(char state, long group, long session) {}

    private static Optional<Stat> stat(long pid) {
        String text;
        try {
            text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), UTF_8);
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        // "pid (comm) state ppid pgrp session ...": comm may itself hold spaces and parentheses.
        int end = text.lastIndexOf(')');
        if (end < 0 || end + 2 >= text.length()) {
            return Optional.empty();
        }
        String[] fields = text.substring(end + 2).split(" ");
        if (fields.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[3])));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
