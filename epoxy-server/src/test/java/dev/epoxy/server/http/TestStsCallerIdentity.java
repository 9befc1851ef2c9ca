package dev.epoxy.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.server.http.StsCallerIdentity.StsResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestStsCallerIdentity {
    private static final StsCallerIdentity STS = new StsCallerIdentity("123456789012");

    @Test
    void callerIsDerivedFromAccessKey() {
        StsResponse response = STS.handle("Action=GetCallerIdentity&Version=2011-06-15",
                Optional.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"),
                "req-1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>arn:aws:iam::123456789012:user/AKIDEXAMPLE</Arn>
                    <UserId>AKIDEXAMPLE</UserId>
                    <Account>123456789012</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata>
                    <RequestId>req-1</RequestId>
                  </ResponseMetadata>
                </GetCallerIdentityResponse>
                """);
    }

    @Test
    void unsignedCallerIsEpoxyUser() {
        StsResponse response = STS.handle("Action=GetCallerIdentity&Version=2011-06-15", Optional.empty(), "r");
        assertThat(response.body()).contains("<Arn>arn:aws:iam::123456789012:user/epoxy</Arn>", "<UserId>epoxy</UserId>");
    }

    @Test
    void accessKeyIsReducedToIamNameCharacters() {
        assertThat(StsCallerIdentity.accessKeyId("AWS4-HMAC-SHA256 Credential=ab<c>d/2025")).contains("abcd");
        assertThat(StsCallerIdentity.accessKeyId("Basic dXNlcg==")).isEmpty();
    }

    @Test
    void otherActionsAreInvalid() {
        StsResponse response = STS.handle("Action=AssumeRole&Version=2011-06-15", Optional.empty(), "r9");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>", "<Message>Could not find operation AssumeRole: Epoxy serves only STS GetCallerIdentity</Message>", "<RequestId>r9</RequestId>");
    }

    @Test
    void xmlTextCarriesOnlyCharactersXmlAllows() {
        assertThat(StsCallerIdentity.xml("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&apos;");
        assertThat(StsCallerIdentity.xml("tab\tnl\ncr\r")).isEqualTo("tab\tnl\ncr&#13;");
        assertThat(StsCallerIdentity.xml("nul\u0000bel\u0007esc\u001b\uFFFE")).isEqualTo("nul\uFFFDbel\uFFFDesc\uFFFD\uFFFD");
        assertThat(StsCallerIdentity.xml("lone\uD800 pair\uD83D\uDE00 low\uDC00")).isEqualTo("lone\uFFFD pair\uD83D\uDE00 low\uFFFD");
    }

    @Test
    void echoedActionIsCut() {
        StsResponse response = STS.handle("Action=" + "A".repeat(1000), Optional.empty(), "r");
        assertThat(response.body()).contains("<Message>Could not find operation " + "A".repeat(128) + "...: Epoxy serves only STS GetCallerIdentity</Message>");
    }

    @Test
    void protocolFailuresAreStsErrors() {
        assertThat(StsCallerIdentity.failure(WireError.MALFORMED_REQUEST, "The request body exceeds 8388608 bytes", "r1")).isEqualTo(new StsResponse(400, """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error>
                    <Type>Sender</Type>
                    <Code>ValidationError</Code>
                    <Message>The request body exceeds 8388608 bytes</Message>
                  </Error>
                  <RequestId>r1</RequestId>
                </ErrorResponse>
                """));
        assertThat(StsCallerIdentity.failure(WireError.THROTTLED, "Rate exceeded", "r").body()).contains("<Code>Throttling</Code>");
        assertThat(StsCallerIdentity.failure(WireError.REQUEST_TIMEOUT, "late", "r").status()).isEqualTo(408);
        StsResponse internal = StsCallerIdentity.internalFailure("r5");
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.body()).contains("<Type>Receiver</Type>", "<Code>InternalFailure</Code>",
                "<Message>An internal error occurred; the server log has the details for request r5</Message>");
    }

    @Test
    void formContentTypeMarksQueryRequests() {
        assertThat(StsCallerIdentity.isQueryRequest(Optional.of("application/x-www-form-urlencoded; charset=utf-8"))).isTrue();
        assertThat(StsCallerIdentity.isQueryRequest(Optional.of("application/x-amz-json-1.1"))).isFalse();
        assertThat(StsCallerIdentity.isQueryRequest(Optional.empty())).isFalse();
    }
}
