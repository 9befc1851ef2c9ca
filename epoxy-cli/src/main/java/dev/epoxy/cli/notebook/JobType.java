package dev.epoxy.cli.notebook;

import java.util.Locale;
import java.util.Optional;

/** The session types of the kernel, and the job's {@code Command.Name} each becomes. */
public enum JobType {
    ETL("glueetl", "etl"),
    STREAMING("gluestreaming", "streaming");

    private final String commandName;
    private final String sessionTypeName;

    JobType(String commandName, String sessionTypeName) {
        this.commandName = commandName;
        this.sessionTypeName = sessionTypeName;
    }

    /** The job's {@code Command.Name}. */
    public String commandName() {
        return commandName;
    }

    /**
     * The type a {@code %session_type} or {@code %job_type} value names: as the kernel does, both the command name
     * ({@code glueetl}) and the short name ({@code etl}), in any case.
     */
    static Optional<JobType> fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (JobType type : values()) {
            if (type.commandName.equals(lower) || type.sessionTypeName.equals(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
