package dev.epoxy.glue;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception of the Glue runtime. Its {@link Kind} decides which Python exception
 * {@code awsglue} raises (see {@code awsglue/_jvm.py}), so messages must name the culprit and make
 * sense to a script author without a stack trace.
 */
public final class GlueRuntimeException extends RuntimeException {
    /** What went wrong; each kind maps to one Python exception type. */
    public enum Kind {
        /** A bad argument value (Python ValueError). */
        INVALID_INPUT,
        /** An argument of the wrong type (Python TypeError). */
        INVALID_TYPE,
        /** A path or entity that does not exist (Python FileNotFoundError). */
        NOT_FOUND,
        /** A feature Epoxy does not offer yet (Python NotImplementedError). */
        NOT_SUPPORTED,
        /** Error records exceeded a stageThreshold/totalThreshold (Python RuntimeError). */
        ERROR_THRESHOLD_EXCEEDED,
        /** Reading or writing data failed (Python RuntimeError). */
        IO,
    }

    private final Kind kind;

    public GlueRuntimeException(Kind kind, String messageFormat, Object... args) {
        super(format(messageFormat, args));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public GlueRuntimeException(Kind kind, Throwable cause, String messageFormat, Object... args) {
        super(format(messageFormat, args), cause);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }

    // Called from Python via py4j: awsglue/_jvm.py chooses the Python exception by this name.
    public String kindName() {
        return kind.name();
    }

    public static GlueRuntimeException invalidInput(String messageFormat, Object... args) {
        return new GlueRuntimeException(Kind.INVALID_INPUT, messageFormat, args);
    }

    public static GlueRuntimeException notSupported(String messageFormat, Object... args) {
        return new GlueRuntimeException(Kind.NOT_SUPPORTED, messageFormat, args);
    }

    public static void checkInput(boolean condition, String messageFormat, Object... args) {
        if (!condition) {
            throw invalidInput(messageFormat, args);
        }
    }
}
