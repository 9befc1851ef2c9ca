package dev.epoxy.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.DriverMessage;
import java.util.List;
import java.util.Optional;

/**
 * What an interpreter answered for one statement.
 *
 * @param text what the statement printed and the values it echoed
 * @param errorName the error's name (an exception class, or a compiler's error kind) when {@link Status#ERROR}
 * @param errorValue the error's message when {@link Status#ERROR}
 * @param traceback the error's stack, one entry per line, when {@link Status#ERROR}
 * @param display what a final {@code %matplot}/{@code %plotly} rendered (Python statements only)
 */
record InterpreterResult(Status status, String text, Optional<String> errorName, Optional<String> errorValue, List<String> traceback,
        Optional<DriverMessage.Display> display) {
    enum Status {
        OK,
        ERROR,
        /** The statement stopped because of its cancel. */
        CANCELLED
    }

    InterpreterResult {
        requireNonNull(status, "status is null");
        requireNonNull(text, "text is null");
        requireNonNull(errorName, "errorName is null");
        requireNonNull(errorValue, "errorValue is null");
        traceback = List.copyOf(requireNonNull(traceback, "traceback is null"));
        requireNonNull(display, "display is null");
    }

    InterpreterResult(Status status, String text, Optional<String> errorName, Optional<String> errorValue, List<String> traceback) {
        this(status, text, errorName, errorValue, traceback, Optional.empty());
    }

    static InterpreterResult ok(String text) {
        return new InterpreterResult(Status.OK, text, Optional.empty(), Optional.empty(), List.of());
    }

    static InterpreterResult error(String text, String errorName, String errorValue, List<String> traceback) {
        return new InterpreterResult(Status.ERROR, text, Optional.of(errorName), Optional.of(errorValue), traceback);
    }

    static InterpreterResult cancelled(String text) {
        return new InterpreterResult(Status.CANCELLED, text, Optional.empty(), Optional.empty(), List.of());
    }
}
