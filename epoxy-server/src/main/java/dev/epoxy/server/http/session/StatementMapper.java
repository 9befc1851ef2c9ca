package dev.epoxy.server.http.session;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementDisplay;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.glue.model.session.GlueStatement;
import dev.epoxy.glue.model.session.GlueStatementOutput;
import dev.epoxy.glue.model.session.StatementOutputData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Statements to their wire shape: StartedOn/CompletedOn in epoch milliseconds, Output.Status lowercase. */
public final class StatementMapper {
    private static final String TOKEN_PREFIX = "statement:";

    private StatementMapper() {}

    /** The ListStatements NextToken of a page that starts at the given statement id. */
    public static String tokenOf(int statementId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + statementId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The statement id a ListStatements NextToken starts at.
     *
     * @throws EpoxyException {@code INVALID_INPUT} for anything {@link #tokenOf} did not make
     */
    public static int statementIdOf(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                String digits = text.substring(TOKEN_PREFIX.length());
                // Digits only: parseInt would also take a sign. NumberFormatException (overflow) is an IllegalArgumentException.
                if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    int statementId = Integer.parseInt(digits);
                    if (statementId >= 1) {
                        return statementId;
                    }
                }
            }
        }
        catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        // The token is not echoed: it is the caller's input, up to 400 characters.
        throw new EpoxyException(INVALID_INPUT, "Invalid NextToken: not a token from a ListStatements response");
    }

    public static GlueStatement toWire(Statement statement) {
        return new GlueStatement(
                statement.id(),
                statement.code(),
                statement.state().name(),
                statement.output().map(StatementMapper::toWire).orElse(null),
                statement.progress(),
                statement.startedOn().map(Instant::toEpochMilli).orElse(null),
                statement.completedOn().map(Instant::toEpochMilli).orElse(null));
    }

    static GlueStatementOutput toWire(StatementOutput output) {
        return new GlueStatementOutput(
                dataOf(output),
                output.executionCount(),
                // The kernel and dbt-glue compare against "ok"/"error", not the model's StatementState.
                output.status().wireValue(),
                output.errorName().orElse(null),
                output.errorValue().orElse(null),
                output.errorName().isPresent() || !output.traceback().isEmpty() ? output.traceback() : null);
    }

    private static StatementOutputData dataOf(StatementOutput output) {
        if (output.display().isEmpty()) {
            return output.textPlain().map(StatementOutputData::new).orElse(null);
        }
        StatementDisplay display = output.display().get();
        // TextPlain for clients on botocore's model (it keeps only TextPlain); the kernel, on its own
        // model, prints StdOut and publishes Result as display data of MimeType.
        String text = output.textPlain().orElse("");
        return new StatementOutputData(text, display.mimeType(), display.data(), text, null);
    }
}
