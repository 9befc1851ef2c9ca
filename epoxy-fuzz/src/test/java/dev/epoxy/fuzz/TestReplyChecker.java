package dev.epoxy.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestReplyChecker {
    private static final ReplyChecker CHECKER = new ReplyChecker();
    private static final FuzzRequest GLUE = new FuzzRequest("valid", "GetSession", "POST", "/", List.of(), "{}".getBytes(UTF_8), false);
    private static final FuzzRequest STS = new FuzzRequest("sts", "STS", "POST", "/", List.of(), new byte[0], false);

    @Test
    void awsErrorInJsonPasses() {
        assertThat(check(GLUE, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: EntityNotFoundException\r\n"
                + "\r\n{\"__type\":\"EntityNotFoundException\",\"Message\":\"Session not found\"}")).isEmpty();
    }

    @Test
    void serverErrorFails() {
        assertThat(check(GLUE, "HTTP/1.1 500 Server Error\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: InternalServiceException\r\n"
                + "\r\n{\"__type\":\"InternalServiceException\",\"Message\":\"x\"}")).contains("server error 500");
    }

    @Test
    void htmlBodyFails() {
        assertThat(check(GLUE, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html><body>Bad Message 400</body></html>"))
                .contains("body is not JSON (Content-Type text/html)");
    }

    @Test
    void stackTraceOrClassNameFails() {
        assertThat(check(GLUE, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: SerializationException\r\n\r\n"
                + "{\"__type\":\"SerializationException\",\"Message\":\"Cannot deserialize value of type `java.lang.Integer` from String\"}"))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("body leaks 'java.l'"));
        assertThat(ReplyChecker.leak("boom\n\tat Foo.bar(Foo.java:1)")).isPresent();
        assertThat(ReplyChecker.leak("java.lang.IllegalStateException: x")).isPresent();
        assertThat(ReplyChecker.leak("org.eclipse.jetty.io.EofException")).isPresent();
        assertThat(ReplyChecker.leak("Invalid NextToken: garbage!")).isEmpty();
    }

    @Test
    void statementOutputMayNameJavaClasses() {
        String body = "{\"Statement\":{\"Id\":1,\"Output\":{\"Status\":\"error\",\"ErrorValue\":\"py4j.protocol.Py4JJavaError: org.apache.spark.SparkException: x\"}}}";
        assertThat(check(GLUE, "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)).isEmpty();
    }

    @Test
    void xmlIsOnlyForSts() {
        String xml = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<GetCallerIdentityResponse/>";
        assertThat(check(STS, xml)).isEmpty();
        assertThat(check(GLUE, xml)).contains("XML answer to a request that is not an STS Query request");
    }

    @Test
    void stsMustAnswerWellFormedXml() {
        assertThat(check(STS, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/xml\r\n\r\n<ErrorResponse><Message>bad \u0001 action</Message></ErrorResponse>"))
                .contains("XML body is not well-formed");
        assertThat(check(STS, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: SerializationException\r\n\r\n"
                + "{\"__type\":\"SerializationException\",\"Message\":\"too big\"}"))
                .contains("STS Query request answered with Content-Type application/x-amz-json-1.1, not XML");
    }

    @Test
    void errorWithoutTypeHeaderFails() {
        assertThat(check(GLUE, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\n\r\n{\"__type\":\"SerializationException\",\"Message\":\"x\"}"))
                .contains("x-amzn-ErrorType header does not name SerializationException");
    }

    @Test
    void connectionClosedWithoutAnswerFails() {
        assertThat(CHECKER.check(GLUE, RawHttp.parse(new byte[0], false))).contains("connection closed without an answer");
    }

    @Test
    void truncatedBodyFails() {
        assertThat(check(GLUE, "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{}"))
                .contains("body shorter than its Content-Length 100");
    }

    @Test
    void chunkedReplyIsDecoded() {
        RawHttp.Reply reply = RawHttp.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n".getBytes(UTF_8), false);
        assertThat(new String(reply.body(), UTF_8)).isEqualTo("{}");
        assertThat(reply.header("transfer-encoding")).contains("chunked");
    }

    private static Optional<String> check(FuzzRequest request, String reply) {
        return CHECKER.check(request, RawHttp.parse(reply.getBytes(UTF_8), false));
    }
}
