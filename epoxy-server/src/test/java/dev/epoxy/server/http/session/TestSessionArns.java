package dev.epoxy.server.http.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.session.SessionId;
import org.junit.jupiter.api.Test;

class TestSessionArns {
    private static final SessionArns ARNS = new SessionArns("us-east-1", "123456789012");

    @Test
    void sessionArnRoundTrips() {
        assertThat(ARNS.arnOf(new SessionId("s-1"))).isEqualTo("arn:aws:glue:us-east-1:123456789012:session/s-1");
        assertThat(ARNS.sessionIdOf("arn:aws:glue:us-east-1:123456789012:session/s-1")).isEqualTo(new SessionId("s-1"));
        assertThat(ARNS.sessionIdOf("arn:aws:glue:us-east-1:123456789012:session/a/b")).isEqualTo(new SessionId("a/b"));
    }

    @Test
    void malformedArnIsInvalidInput() {
        assertThatThrownBy(() -> ARNS.sessionIdOf("arn:aws:glue:us-east-1"))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid resource ARN: arn:aws:glue:us-east-1 (expected arn:aws:glue:<region>:<account>:session/<Id>)")
                .extracting(e -> ((EpoxyException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThatThrownBy(() -> ARNS.sessionIdOf("arn:aws:glue:us-east-1:123456789012:session/"))
                .hasMessage("Invalid resource ARN: arn:aws:glue:us-east-1:123456789012:session/ has no session id (expected arn:aws:glue:<region>:<account>:session/<Id>)");
    }

    @Test
    void otherResourceTypeIsNotFound() {
        assertThatThrownBy(() -> ARNS.sessionIdOf("arn:aws:glue:us-east-1:123456789012:job/etl"))
                .hasMessage("Resource not found: arn:aws:glue:us-east-1:123456789012:job/etl (Epoxy tags only sessions: arn:aws:glue:<region>:<account>:session/<Id>)")
                .extracting(e -> ((EpoxyException) e).code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
    }

    @Test
    void otherRegionOrAccountIsNotFound() {
        assertThatThrownBy(() -> ARNS.sessionIdOf("arn:aws:glue:eu-west-1:123456789012:session/s-1"))
                .hasMessage("Resource not found: arn:aws:glue:eu-west-1:123456789012:session/s-1 (this server is region us-east-1, account 123456789012)");
        assertThatThrownBy(() -> ARNS.sessionIdOf("arn:aws:glue:us-east-1:999999999999:session/s-1"))
                .extracting(e -> ((EpoxyException) e).code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
    }

    @Test
    void otherPartitionIsNotFound() {
        assertThatThrownBy(() -> ARNS.sessionIdOf("arn:aws-cn:glue:us-east-1:123456789012:session/s-1"))
                .hasMessage("Resource not found: arn:aws-cn:glue:us-east-1:123456789012:session/s-1 (this server is partition aws)")
                .extracting(e -> ((EpoxyException) e).code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
    }

    @Test
    void longArnIsEchoedShortenedAndItsOverlongIdIsNotFound() {
        String prefix = "arn:aws:glue:us-east-1:123456789012:session/";
        String arn = prefix + "x".repeat(10_000);
        assertThatThrownBy(() -> ARNS.sessionIdOf(arn))
                .hasMessage("Resource not found: " + arn.substring(0, 256) + "... (a session id has at most 255 characters)")
                .extracting(e -> ((EpoxyException) e).code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
        assertThat(ARNS.sessionIdOf(prefix + "x".repeat(255))).isEqualTo(new SessionId("x".repeat(255)));
        assertThatThrownBy(() -> ARNS.sessionIdOf("arn:aws:glue:" + "y".repeat(10_000)))
                .hasMessage("Invalid resource ARN: arn:aws:glue:" + "y".repeat(256 - 13) + "... (expected arn:aws:glue:<region>:<account>:session/<Id>)");
    }
}
