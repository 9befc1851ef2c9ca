package dev.epoxy.driver.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Messages a session driver sends to the server. The driver opens the link (so it can run on another
 * host and re-attach after a server restart); {@link Hello} is the first message on every connection.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DriverMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = DriverMessage.Ready.class, name = "ready"),
    @JsonSubTypes.Type(value = DriverMessage.StatementStarted.class, name = "statement_started"),
    @JsonSubTypes.Type(value = DriverMessage.StatementProgress.class, name = "statement_progress"),
    @JsonSubTypes.Type(value = DriverMessage.StatementFinished.class, name = "statement_finished"),
    @JsonSubTypes.Type(value = DriverMessage.Failed.class, name = "failed"),
})
public sealed interface DriverMessage {
    /**
     * Identifies the driver. The server closes the connection unless {@code token} is the secret it
     * generated for {@code sessionId}.
     *
     * @param runningStatementId the statement the driver is running, or null; lets a re-attaching
     *     driver tell the server where it is
     */
    record Hello(int protocolVersion, String sessionId, String token, long pid, Integer runningStatementId) implements DriverMessage {}

    /** SparkContext and interpreter are up; statements may be sent. */
    record Ready(String sparkUiUrl, String applicationId) implements DriverMessage {}

    record StatementStarted(int statementId, long startedOnEpochMillis) implements DriverMessage {}

    /** Fraction (0..1) of the statement's Spark tasks that completed. */
    record StatementProgress(int statementId, double progress) implements DriverMessage {}

    /**
     * A statement finished.
     *
     * @param state {@code AVAILABLE}, {@code CANCELLED} or {@code ERROR}
     * @param output null for CANCELLED, unless the statement ignored its cancel and the interpreter
     *     was replaced: then an {@code error} output (ErrorName {@code InterpreterRestarted}) says so
     */
    record StatementFinished(int statementId, String state, Output output, long completedOnEpochMillis) implements DriverMessage {}

    /** The driver cannot go on (e.g. its interpreter died) and is about to exit. */
    record Failed(String reason) implements DriverMessage {}

    /**
     * Statement output as Glue reports it.
     *
     * @param status {@code ok} or {@code error}
     * @param display what a final {@code %matplot}/{@code %plotly} line rendered, or null
     */
    record Output(String status, int executionCount, String textPlain, String errorName, String errorValue, List<String> traceback, Display display) {
        /** An output without a display. */
        public Output(String status, int executionCount, String textPlain, String errorName, String errorValue, List<String> traceback) {
            this(status, executionCount, textPlain, errorName, errorValue, traceback, null);
        }
    }

    /**
     * Rich output of a statement, as Glue's {@code StatementOutputData} carries it.
     *
     * @param mimeType e.g. {@code image/png;base64} (then {@code data} is base64) or {@code text/html}
     */
    record Display(String mimeType, String data) {}
}
