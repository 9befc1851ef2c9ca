package dev.epoxy.glue.bookmark;

import dev.epoxy.glue.GlueRuntimeException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code --job-bookmark-option} as the launcher passes it in {@code spark.epoxy.job.bookmark-option}:
 * whether a run reads after its job's bookmark and whether {@code job.commit()} advances it. The same
 * strings as {@code dev.epoxy.core.job.BookmarkOption} (the runtime does not depend on epoxy-core).
 */
public enum BookmarkOption {
    /** Read what is new since the state; {@code job.commit()} writes the advanced state. */
    ENABLE("job-bookmark-enable"),
    /** Read everything; write nothing (AWS's default, and every session's). */
    DISABLE("job-bookmark-disable"),
    /** Read what is new since the state (up to the to-state if given); write nothing. */
    PAUSE("job-bookmark-pause");

    private final String argument;

    BookmarkOption(String argument) {
        this.argument = argument;
    }

    /** The option as written on the command line, e.g. {@code job-bookmark-enable}. */
    public String argument() {
        return argument;
    }

    /**
     * The option for its argument.
     *
     * @throws GlueRuntimeException INVALID_INPUT for any other string
     */
    public static BookmarkOption fromArgument(String value) {
        return Arrays.stream(values())
                .filter(option -> option.argument.equals(value))
                .findFirst()
                .orElseThrow(() -> GlueRuntimeException.invalidInput("Invalid --job-bookmark-option: %s; use %s", value,
                        Arrays.stream(values()).map(BookmarkOption::argument).collect(Collectors.joining(", "))));
    }
}
