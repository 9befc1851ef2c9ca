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
    void formContentTypeMarksQueryRequests() {
        assertThat(StsCallerIdentity.isQueryRequest(Optional.of("application/x-www-form-urlencoded; charset=utf-8"))).isTrue();
        assertThat(StsCallerIdentity.isQueryRequest(Optional.of("application/x-amz-json-1.1"))).isFalse();
        assertThat(StsCallerIdentity.isQueryRequest(Optional.empty())).isFalse();
    }
}
