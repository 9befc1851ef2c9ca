package dev.epoxy.server.http.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementDisplay;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.glue.model.session.GlueStatement;
import dev.epoxy.glue.model.session.GlueStatementOutput;
import dev.epoxy.glue.model.session.StatementOutputData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestStatementMapper {
    private static final SessionId SESSION = new SessionId("s1");
    private static final Instant SUBMITTED = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void nextTokenNamesTheStatementTheNextPageStartsAt() {
        assertThat(StatementMapper.statementIdOf(StatementMapper.tokenOf(1))).isEqualTo(1);
        assertThat(StatementMapper.statementIdOf(StatementMapper.tokenOf(4242))).isEqualTo(4242);
        assertThat(StatementMapper.statementIdOf(StatementMapper.tokenOf(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
        assertThat(StatementMapper.statementIdOf(base64("statement:7"))).isEqualTo(7);
    }

    @Test
    void foreignMalformedAndOverflowingTokensAreInvalidInputWithoutEchoingThem() {
        List<String> tokens = List.of("", "not base64 !", base64("offset:3"), base64("statement:"), base64("statement:-1"), base64("statement:+5"),
                base64("statement:0"), base64("statement:2147483648"), base64("statement:" + "9".repeat(300)), base64("statement:1 "));
        for (String token : tokens) {
            assertThatThrownBy(() -> StatementMapper.statementIdOf(token))
                    .as("token %s", token)
                    .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                    .hasMessage("Invalid NextToken: not a token from a ListStatements response");
        }
    }

    @Test
    void waitingStatementHasNoTimesOrOutput() {
        GlueStatement wire = StatementMapper.toWire(Statement.waiting(SESSION, 1, "1+1", SUBMITTED));
        assertThat(wire).isEqualTo(new GlueStatement(1, "1+1", "WAITING", null, 0.0, null, null));
    }

    @Test
    void finishedStatementTimesAreEpochMillis() {
        Statement statement = Statement.waiting(SESSION, 2, "print('hello world')", SUBMITTED)
                .running(SUBMITTED.plusMillis(5))
                .completed(StatementState.AVAILABLE, Optional.of(StatementOutput.ok(2, "hello world")), SUBMITTED.plusMillis(25));
        assertThat(StatementMapper.toWire(statement)).isEqualTo(new GlueStatement(2, "print('hello world')", "AVAILABLE",
                new GlueStatementOutput(new StatementOutputData("hello world"), 2, "ok", null, null, null), 1.0,
                1_700_000_000_005L, 1_700_000_000_025L));
    }

    @Test
    void errorOutputIsLowercaseWithTraceback() {
        StatementOutput output = StatementOutput.error(3, "ZeroDivisionError", "division by zero", List.of("Traceback (most recent call last):\n", "ZeroDivisionError: division by zero\n"));
        assertThat(StatementMapper.toWire(output)).isEqualTo(new GlueStatementOutput(null, 3, "error", "ZeroDivisionError", "division by zero",
                List.of("Traceback (most recent call last):\n", "ZeroDivisionError: division by zero\n")));
    }

    @Test
    void displayGoesOutAsMimeTypeAndResultWithTextAsStdOut() {
        StatementOutput output = StatementOutput.ok(4, "plotted").withDisplay(new StatementDisplay("image/png;base64", "iVBORw0KGgo="));
        assertThat(StatementMapper.toWire(output)).isEqualTo(new GlueStatementOutput(
                new StatementOutputData("plotted", "image/png;base64", "iVBORw0KGgo=", "plotted", null), 4, "ok", null, null, null));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
