package dev.epoxy.core;

/** Input checks that fail with {@link ErrorCode#INVALID_INPUT}. */
public final class Checks {
    private Checks() {}

    public static void checkInput(boolean condition, String messageFormat, Object... args) {
        if (!condition) {
            throw new EpoxyException(ErrorCode.INVALID_INPUT, messageFormat, args);
        }
    }
}
