package dev.epoxy.core.arn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import org.junit.jupiter.api.Test;

class TestGlueArn {
    private static final GlueArns ARNS = new GlueArns("us-east-1", "123456789012");
    private static final String FORMAT = "arn:aws:glue:<region>:<account>:<type>/<name>";

    @Test
    void arnsRoundTrip() {
        GlueArn session = ARNS.arnOf(GlueResourceType.SESSION, "s-1");
        assertThat(session).hasToString("arn:aws:glue:us-east-1:123456789012:session/s-1");
        assertThat(ARNS.parse("arn:aws:glue:us-east-1:123456789012:session/s-1")).isEqualTo(session);
        assertThat(ARNS.parse("arn:aws:glue:us-east-1:123456789012:table/db/t")).isEqualTo(new GlueArn("us-east-1", "123456789012", GlueResourceType.TABLE, "db/t"));
        assertThat(ARNS.parse("arn:aws:glue:us-east-1:123456789012:userDefinedFunction/db/f").type()).isEqualTo(GlueResourceType.USER_DEFINED_FUNCTION);
        assertThat(ARNS.parse("arn:aws:glue:us-east-1:123456789012:dataQualityRuleset/r").type()).isEqualTo(GlueResourceType.DATA_QUALITY_RULESET);
        assertThat(ARNS.parse("arn:aws:glue:us-east-1:123456789012:catalog")).hasToString("arn:aws:glue:us-east-1:123456789012:catalog");
    }

    @Test
    void everyTypeRoundTripsByItsArnName() {
        for (GlueResourceType type : GlueResourceType.values()) {
            String text = "arn:aws:glue:us-east-1:123456789012:" + type.arnName() + (type.hasPath() ? "/name" : "");
            assertThat(ARNS.parse(text).type()).isEqualTo(type);
            assertThat(ARNS.parse(text)).hasToString(text);
        }
    }

    @Test
    void malformedArnIsInvalidInput() {
        assertInvalid("arn:aws:glue:us-east-1", "Invalid resource ARN: arn:aws:glue:us-east-1 (expected " + FORMAT + ")");
        assertInvalid("arn:aws:glue:oops", "Invalid resource ARN: arn:aws:glue:oops (expected " + FORMAT + ")");
        assertInvalid("arn:aws:s3:us-east-1:123456789012:bucket/b", "Invalid resource ARN: arn:aws:s3:us-east-1:123456789012:bucket/b (expected " + FORMAT + ")");
        assertInvalid("arn:aws:glue:us-east-1:123456789012:session/",
                "Invalid resource ARN: arn:aws:glue:us-east-1:123456789012:session/ has no session name (expected " + FORMAT + ")");
        assertInvalid("arn:aws:glue:us-east-1:123456789012:session",
                "Invalid resource ARN: arn:aws:glue:us-east-1:123456789012:session has no session name (expected " + FORMAT + ")");
        assertInvalid("arn:aws:glue:us-east-1:123456789012:gadget/g",
                "Invalid resource ARN: arn:aws:glue:us-east-1:123456789012:gadget/g (unknown resource type gadget)");
        // Types are case-sensitive, as in AWS.
        assertInvalid("arn:aws:glue:us-east-1:123456789012:Session/s", "Invalid resource ARN: arn:aws:glue:us-east-1:123456789012:Session/s (unknown resource type Session)");
        assertInvalid("arn:aws:glue:us-east-1:123456789012:catalog/x", "Invalid resource ARN: arn:aws:glue:us-east-1:123456789012:catalog/x (a catalog ARN ends with :catalog)");
    }

    @Test
    void otherRegionOrAccountIsNotFound() {
        assertNotFound("arn:aws:glue:eu-west-1:123456789012:session/s-1",
                "Resource not found: arn:aws:glue:eu-west-1:123456789012:session/s-1 (this server is region us-east-1, account 123456789012)");
        assertNotFound("arn:aws:glue:us-east-1:999999999999:session/s-1",
                "Resource not found: arn:aws:glue:us-east-1:999999999999:session/s-1 (this server is region us-east-1, account 123456789012)");
    }

    @Test
    void otherPartitionIsNotFound() {
        assertNotFound("arn:aws-cn:glue:us-east-1:123456789012:session/s-1",
                "Resource not found: arn:aws-cn:glue:us-east-1:123456789012:session/s-1 (this server is partition aws)");
    }

    @Test
    void longArnIsEchoedShortened() {
        String arn = "arn:aws:glue:" + "y".repeat(10_000);
        assertInvalid(arn, "Invalid resource ARN: " + arn.substring(0, 256) + "... (expected " + FORMAT + ")");
        String longPath = "arn:aws:glue:us-east-1:123456789012:session/" + "x".repeat(10_000);
        assertThat(ARNS.parse(longPath).path()).hasSize(10_000);
    }

    @Test
    void regionAndAccountMustFitInAnArn() {
        assertThatThrownBy(() -> new GlueArns("us-east-1'; DROP TABLE x; --", "123456789012"))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThatThrownBy(() -> new GlueArns("us-east-1", "1234"))
                .hasMessage("Invalid account id: 1234 (12 digits)");
    }

    private static void assertInvalid(String arn, String message) {
        assertThatThrownBy(() -> ARNS.parse(arn))
                .hasMessage(message)
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    private static void assertNotFound(String arn, String message) {
        assertThatThrownBy(() -> ARNS.parse(arn))
                .hasMessage(message)
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND));
    }
}
