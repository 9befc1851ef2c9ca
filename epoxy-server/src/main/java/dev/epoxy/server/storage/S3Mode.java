package dev.epoxy.server.storage;

import static dev.epoxy.core.Checks.checkInput;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a session driver resolves {@code s3://} paths ({@code epoxy.storage.s3-mode}). */
public enum S3Mode {
    /** {@code s3://bucket/key} is the local file {@code <home>/s3/bucket/key} (offline; the default). */
    LOCAL("local"),
    /** {@code s3://} goes through Hadoop's S3A connector to a real S3 or an S3-compatible store. */
    S3A("s3a");

    private final String configValue;

    S3Mode(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling in configuration: {@code local} or {@code s3a}. */
    public String configValue() {
        return configValue;
    }

    /**
     * Parses a configuration value, ignoring case.
     *
     * @throws dev.epoxy.core.EpoxyException {@link dev.epoxy.core.ErrorCode#INVALID_INPUT} naming the value
     *     and the accepted ones
     */
    public static S3Mode fromConfigValue(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (S3Mode mode : values()) {
            if (mode.configValue.equals(normalized)) {
                return mode;
            }
        }
        checkInput(false, "Invalid epoxy.storage.s3-mode: %s (expected one of %s)", value,
                Arrays.stream(values()).map(S3Mode::configValue).collect(Collectors.joining(", ")));
        throw new AssertionError("unreachable");
    }
}
