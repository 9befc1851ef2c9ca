package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

/** Glue's {@code SessionCommand}: {@code glueetl} or {@code gluestreaming}, and the Python version. */
public record SessionCommand(String name, String pythonVersion) {
    public SessionCommand {
        requireNonNull(name, "name is null");
        requireNonNull(pythonVersion, "pythonVersion is null");
    }
}
