package dev.epoxy.core.job;

import java.util.Arrays;
import java.util.Optional;

/** {@code Command.Name}: what kind of process a run is. */
public enum JobCommandName {
    /** A PySpark script with the awsglue runtime. */
    GLUEETL("glueetl"),
    /** Spark streaming; accepted in job definitions, runs are not supported yet. */
    GLUESTREAMING("gluestreaming"),
    /** A plain Python 3 script, no Spark. */
    PYTHONSHELL("pythonshell"),
    /** Ray; accepted in job definitions, runs are not supported. */
    GLUERAY("glueray");

    private final String wireName;

    JobCommandName(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<JobCommandName> fromWireName(String name) {
        return Arrays.stream(values()).filter(command -> command.wireName.equals(name)).findFirst();
    }

    /** Whether runs are Spark applications (billed with Spark's minimums, capacity in workers). */
    public boolean isSpark() {
        return switch (this) {
            case GLUEETL, GLUESTREAMING -> true;
            case PYTHONSHELL, GLUERAY -> false;
        };
    }
}
