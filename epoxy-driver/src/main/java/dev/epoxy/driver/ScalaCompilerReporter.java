package dev.epoxy.driver;

import java.util.ArrayList;
import java.util.List;
import scala.reflect.internal.Reporter;
import scala.reflect.internal.util.Position;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.ReplReporter;

/**
 * The REPL's compiler reporter, with lines counted from the start of the statement. Scala 2.12's
 * REPL compiles each statement inside a generated wrapper (imports of earlier statements, the
 * class-based {@code $read}/{@code $iw} nesting), so its own messages say {@code <console>:23:}
 * for the statement's first line; this reporter finds the statement's code in the compiled source
 * and reports {@code <console>:1:}. Errors of a statement are kept for its result rather than
 * printed; warnings go to the statement's output.
 */
final class ScalaCompilerReporter extends ReplReporter {
    private final List<String> errors = new ArrayList<>();
    private String statementCode = "";
    private String sourceName = "<console>";

    ScalaCompilerReporter(IMain repl) {
        super(repl);
    }

    /** Starts collecting the errors of a statement with this code. */
    void startStatement(String code) {
        startSource("<console>", code);
    }

    /** Starts collecting the errors of a source file (a job's script), named {@code name} in them. */
    void startSource(String name, String code) {
        sourceName = name;
        statementCode = code;
        errors.clear();
    }

    /** The errors reported since {@link #startStatement}, each as the compiler prints it. */
    List<String> statementErrors() {
        return List.copyOf(errors);
    }

    @Override
    public void display(Position position, String message, Reporter.Severity severity) {
        String label = severity == ERROR() ? "error" : severity == WARNING() ? "warning" : "";
        if (label.isEmpty() || !position.isDefined()) {
            super.display(position, message, severity);
            return;
        }
        String formatted = sourceName + ":" + statementLine(position) + ": " + label + ": " + message + caret(position);
        if (severity == ERROR()) {
            errors.add(formatted);
        }
        else {
            printMessage(formatted);
        }
    }

    private int statementLine(Position position) {
        String source = new String(position.source().content());
        int start = statementCode.isEmpty() ? -1 : source.indexOf(statementCode);
        if (start < 0) {
            return position.line();
        }
        int linesBefore = (int) source.substring(0, start).chars().filter(c -> c == '\n').count();
        return Math.max(1, position.line() - linesBefore);
    }

    private static String caret(Position position) {
        String line = position.lineContent();
        if (line.isBlank()) {
            return "";
        }
        int column = Math.max(0, position.column() - 1);
        return "\n" + line + "\n" + " ".repeat(Math.min(column, line.length())) + "^";
    }
}
