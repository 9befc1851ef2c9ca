package dev.epoxy.core;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

/** The one unchecked exception of Epoxy's domain, carrying an {@link ErrorCode}. */
public final class EpoxyException extends RuntimeException {
    private final ErrorCode code;

    public EpoxyException(ErrorCode code, String messageFormat, Object... args) {
        super(format(messageFormat, args));
        this.code = requireNonNull(code, "code is null");
    }

    public EpoxyException(ErrorCode code, Throwable cause, String messageFormat, Object... args) {
        super(format(messageFormat, args), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }
}
