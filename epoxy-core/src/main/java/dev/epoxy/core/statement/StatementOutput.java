package dev.epoxy.core.statement;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a finished statement produced. On {@link OutputStatus#OK}, {@code textPlain} holds the captured
 * stdout/stderr and echoed value; on {@link OutputStatus#ERROR}, the error members describe what the
 * user's code raised and {@code textPlain} holds whatever it printed first. {@code display} is what a
 * final {@code %matplot}/{@code %plotly} line rendered, only on OK.
 */
public record StatementOutput(
        OutputStatus status,
        int executionCount,
        Optional<String> textPlain,
        Optional<String> errorName,
        Optional<String> errorValue,
        List<String> traceback,
        Optional<StatementDisplay> display) {

    public StatementOutput {
        requireNonNull(status, "status is null");
        requireNonNull(textPlain, "textPlain is null");
        requireNonNull(errorName, "errorName is null");
        requireNonNull(errorValue, "errorValue is null");
        traceback = List.copyOf(requireNonNull(traceback, "traceback is null"));
        requireNonNull(display, "display is null");
    }

    /** An output without a display. */
    public StatementOutput(OutputStatus status, int executionCount, Optional<String> textPlain, Optional<String> errorName, Optional<String> errorValue, List<String> traceback) {
        this(status, executionCount, textPlain, errorName, errorValue, traceback, Optional.empty());
    }

    public StatementOutput withDisplay(StatementDisplay newDisplay) {
        return new StatementOutput(status, executionCount, textPlain, errorName, errorValue, traceback, Optional.of(newDisplay));
    }

    /** This output with {@code text} as its captured text. */
    public StatementOutput withTextPlain(String text) {
        return new StatementOutput(status, executionCount, Optional.of(text), errorName, errorValue, traceback, display);
    }

    public static StatementOutput ok(int executionCount, String textPlain) {
        return new StatementOutput(OutputStatus.OK, executionCount, Optional.of(textPlain), Optional.empty(), Optional.empty(), List.of());
    }

    public static StatementOutput error(int executionCount, String errorName, String errorValue, List<String> traceback) {
        return new StatementOutput(OutputStatus.ERROR, executionCount, Optional.empty(), Optional.of(errorName), Optional.of(errorValue), traceback);
    }
}
