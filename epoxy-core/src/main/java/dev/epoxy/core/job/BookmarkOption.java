package dev.epoxy.core.job;

import java.util.Arrays;
import java.util.Optional;

/** {@code --job-bookmark-option}: whether a run reads and advances its job's bookmark. */
public enum BookmarkOption {
    ENABLE("job-bookmark-enable"),
    DISABLE("job-bookmark-disable"),
    PAUSE("job-bookmark-pause");

    private final String argument;

    BookmarkOption(String argument) {
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }

    public static Optional<BookmarkOption> fromArgument(String value) {
        return Arrays.stream(values()).filter(option -> option.argument.equals(value)).findFirst();
    }
}
