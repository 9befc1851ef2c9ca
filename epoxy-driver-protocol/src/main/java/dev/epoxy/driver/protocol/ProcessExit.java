package dev.epoxy.driver.protocol;

import java.util.Map;

/**
 * Describes how a process ended, for messages users read. Both ends of the link use it: the server
 * for the driver process, the driver for its Python interpreter.
 */
public final class ProcessExit {
    private static final Map<Integer, String> SIGNAL_NAMES = Map.ofEntries(
            Map.entry(1, "SIGHUP"),
            Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"),
            Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"),
            Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"),
            Map.entry(9, "SIGKILL"),
            Map.entry(11, "SIGSEGV"),
            Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"),
            Map.entry(15, "SIGTERM"));

    private ProcessExit() {}

    /**
     * {@code "exited with code 1"}, or {@code "was killed by signal 9 (SIGKILL)"} for the exit codes
     * above 128 that {@link Process#exitValue()} and shells use for a death by signal. Java itself
     * exits with 128+n after handling a signal, so a code of 143 reads as killed by SIGTERM.
     */
    public static String describe(int exitCode) {
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = SIGNAL_NAMES.get(signal);
            return name == null ? "was killed by signal " + signal : "was killed by signal " + signal + " (" + name + ")";
        }
        if (exitCode < 0) {
            // Python's subprocess convention: -n means killed by signal n.
            return describe(128 - exitCode);
        }
        return "exited with code " + exitCode;
    }
}
