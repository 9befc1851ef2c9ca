package dev.epoxy.server.launch;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ProcessSupervisor#start} starts: a command in a directory, with environment variables
 * added to the server's own, stdin from {@code /dev/null}, stdout and stderr appended to one log file.
 *
 * @param pidFile where the process id is written once it runs, so that a later server can find and
 *     kill the process ({@link ProcessSupervisor#killOrphans}); empty writes none
 * @param pidFileNote a line written after the pid (e.g. the run id), read back by
 *     {@link ProcessSupervisor#killOrphans}
 */
public record ProcessLaunch(List<String> command, Path directory, Map<String, String> environment, Path log, Optional<Path> pidFile, String pidFileNote) {
    public ProcessLaunch {
        command = List.copyOf(requireNonNull(command, "command is null"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        requireNonNull(directory, "directory is null");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(environment, "environment is null")));
        requireNonNull(log, "log is null");
        requireNonNull(pidFile, "pidFile is null");
        requireNonNull(pidFileNote, "pidFileNote is null");
    }
}
