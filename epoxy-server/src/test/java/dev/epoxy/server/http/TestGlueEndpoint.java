package dev.epoxy.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.session.SessionStatus;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.glue.model.session.GetSessionRequest;
import dev.epoxy.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint over HTTP with a real Jetty, a real H2 session store and plain {@link HttpClient} requests.
 * None of these cases may launch a driver: the launcher fails the request (and so the test) if called.
 */
class TestGlueEndpoint {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueRole";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private TestingGlueEndpoint server;
    private SessionStore store;
    private SessionService sessions;
    private GlueEndpoint endpoint;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = TestingGlueEndpoint.start(home);
        store = server.store();
        sessions = server.sessions();
        endpoint = server.endpoint();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void invalidWorkerTypeIsInvalidInput() throws Exception {
        Reply reply = glue("CreateSession", createSession("s1").put("WorkerType", "G.9X").put("NumberOfWorkers", 2));
        // The value set is the bundled model's, in its order.
        List<String> values = new java.util.ArrayList<>();
        dev.epoxy.glue.model.ServiceModel.glue().shape("WorkerType").get("enum").forEach(value -> values.add(value.asText()));
        assertThat(values).contains("G.1X").doesNotContain("G.9X");
        reply.assertError(400, "InvalidInputException", "1 validation error detected: Value 'G.9X' at 'WorkerType' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
        assertThat(store.findSession(new SessionId("s1"))).isEmpty();
    }

    @Test
    void negativeNumberOfWorkersIsInvalidInput() throws Exception {
        glue("CreateSession", createSession("s1").put("WorkerType", "G.1X").put("NumberOfWorkers", -1))
                .assertError(400, "InvalidInputException", "Invalid NumberOfWorkers: -1 (must be at least 1)");
    }

    @Test
    void roleNotMatchingArnPatternIsInvalidInput() throws Exception {
        glue("CreateSession", createSession("s1").put("Role", "GlueRole-without-an-arn"))
                .assertError(400, "InvalidInputException", "1 validation error detected: Value 'GlueRole-without-an-arn' at 'Role' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: arn:aws[^:]*:iam::[0-9]*:role/.+");
    }

    @Test
    void maxCapacityWithWorkerTypeIsInvalidInput() throws Exception {
        glue("CreateSession", createSession("s1").put("MaxCapacity", 5.0).put("WorkerType", "G.1X").put("NumberOfWorkers", 5))
                .assertError(400, "InvalidInputException",
                        "Invalid capacity: MaxCapacity cannot be combined with WorkerType and NumberOfWorkers; set either MaxCapacity or WorkerType and NumberOfWorkers");
    }

    @Test
    void rayAndSparkConnectSessionsAreRefused() throws Exception {
        ObjectNode ray = createSession("s1");
        ray.putObject("Command").put("Name", "glueray").put("PythonVersion", "3.9");
        glue("CreateSession", ray).assertError(400, "InvalidInputException", "Ray sessions are not supported: Command.Name glueray (use glueetl or gluestreaming)");
        glue("CreateSession", createSession("s1").put("SessionType", "SPARK_CONNECT"))
                .assertError(400, "OperationNotSupportedException", "Spark Connect sessions are not supported yet: SessionType SPARK_CONNECT");
    }

    @Test
    void duplicateIdIsAlreadyExists() throws Exception {
        storeSession("dup");
        String storeMessage = alreadyExistsMessage("dup");
        glue("CreateSession", createSession("dup")).assertError(400, "AlreadyExistsException", storeMessage);
    }

    @Test
    void codeOverLimitIsInvalidInput() throws Exception {
        glue("RunStatement", object().put("SessionId", "s1").put("Code", "x".repeat(68_001)))
                .assertError(400, "InvalidInputException", "1 validation error detected: Value at 'Code' failed to satisfy constraint: Member must have length less than or equal to 68000");
    }

    @Test
    void unknownSessionIsEntityNotFound() throws Exception {
        glue("GetSession", object().put("Id", "nope")).assertError(400, "EntityNotFoundException", "Session not found: nope");
        glue("GetStatement", object().put("SessionId", "nope").put("Id", 1)).assertError(400, "EntityNotFoundException", "Session not found: nope");
        glue("ListStatements", object().put("SessionId", "nope")).assertError(400, "EntityNotFoundException", "Session not found: nope");
        glue("DeleteSession", object().put("Id", "nope")).assertError(400, "EntityNotFoundException", "Session not found: nope");
    }

    @Test
    void unknownStatementIsEntityNotFound() throws Exception {
        storeSession("s1");
        glue("GetStatement", object().put("SessionId", "s1").put("Id", 7)).assertError(400, "EntityNotFoundException", "Statement 7 not found in session s1");
        glue("CancelStatement", object().put("SessionId", "s1").put("Id", 7)).assertError(400, "EntityNotFoundException", "Statement 7 not found in session s1");
    }

    @Test
    void runStatementOnSessionWithoutDriverIsObservedAwsError() throws Exception {
        storeSession("s1");
        glue("RunStatement", object().put("SessionId", "s1").put("Code", "1+1"))
                .assertError(400, "InvalidInputException", "Session is not ready, session_id=s1, status=PROVISIONING");
    }

    @Test
    void failedSessionRefusesStatementsAndCanBeStopped() throws Exception {
        Session session = storeSession("s1");
        Instant completed = session.createdOn().plusSeconds(30);
        store.updateSession(session.completed(SessionStatus.FAILED, Optional.of("The session driver exited unexpectedly"), completed));

        glue("RunStatement", object().put("SessionId", "s1").put("Code", "1+1"))
                .assertError(400, "InvalidInputException", "Session is not ready, session_id=s1, status=FAILED");
        // StopSession on a FAILED session succeeds and changes nothing: the Glue kernel's %stop_session needs it to recover.
        assertThat(glue("StopSession", object().put("Id", "s1")).json().get("Id").asText()).isEqualTo("s1");
        JsonNode wire = glue("GetSession", object().put("Id", "s1")).json().get("Session");
        assertThat(wire.get("Status").asText()).isEqualTo("FAILED");
        assertThat(wire.get("ErrorMessage").asText()).isEqualTo("The session driver exited unexpectedly");
        assertThat(wire.get("CompletedOn").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal(completed.toEpochMilli()).movePointLeft(3));
        assertThat(wire.get("ExecutionTime").asDouble()).isEqualTo(30.0);
        // Billed for the one-minute minimum: 5 DPU x 60 s.
        assertThat(wire.get("DPUSeconds").asDouble()).isEqualTo(300.0);
    }

    @Test
    void corsPreflightIsNeverApproved() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-amz-target")
                .build(), HttpResponse.BodyHandlers.ofString());
        new Reply(response).assertError(400, "UnknownOperationException", "Epoxy serves the Glue and STS APIs at POST /, not OPTIONS /");
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }

    @Test
    void getSessionReturnsEveryMemberWithEpochSecondTimestamps() throws Exception {
        Session session = storeSession("s1");
        Reply reply = glue("GetSession", object().put("Id", "s1"));
        reply.assertOk();
        JsonNode wire = reply.json().get("Session");
        assertThat(wire.get("Id").asText()).isEqualTo("s1");
        assertThat(wire.get("Status").asText()).isEqualTo("PROVISIONING");
        assertThat(wire.get("CreatedOn").isNumber()).isTrue();
        assertThat(wire.get("CreatedOn").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal(session.createdOn().toEpochMilli()).movePointLeft(3));
        assertThat(wire.get("Role").asText()).isEqualTo(ROLE);
        assertThat(wire.get("Command")).isEqualTo(JSON.readTree("{\"Name\":\"glueetl\",\"PythonVersion\":\"3\"}"));
        assertThat(wire.get("GlueVersion").asText()).isEqualTo("5.0");
        assertThat(wire.get("WorkerType").asText()).isEqualTo("G.1X");
        assertThat(wire.get("NumberOfWorkers").asInt()).isEqualTo(5);
        assertThat(wire.get("MaxCapacity").asDouble()).isEqualTo(5.0);
        assertThat(wire.get("IdleTimeout").asInt()).isEqualTo(30);
        assertThat(wire.get("Timeout").asInt()).isEqualTo(60);
        assertThat(wire.get("DefaultArguments")).isEqualTo(JSON.readTree("{\"--enable-glue-datacatalog\":\"true\"}"));
        assertThat(wire.get("Connections")).isEqualTo(JSON.readTree("{\"Connections\":[]}"));
        assertThat(wire.get("Progress").asDouble()).isEqualTo(0.0);
        assertThat(wire.get("ExecutionTime").isNumber()).isTrue();
        // One-minute billing minimum at 5 DPU.
        assertThat(wire.get("DPUSeconds").asDouble()).isGreaterThanOrEqualTo(300.0);
        assertThat(wire.has("ErrorMessage")).isFalse();
        assertThat(wire.has("CompletedOn")).isFalse();
        assertThat(wire.has("Description")).isFalse();
    }

    @Test
    void listSessionsFiltersByTagsAndPages() throws Exception {
        storeSession("a", Map.of("owner", "me"));
        storeSession("b", Map.of("owner", "you"));
        storeSession("c", Map.of("owner", "me", "team", "x"));

        Reply mine = glue("ListSessions", object().set("Tags", JSON.readTree("{\"owner\":\"me\"}")));
        assertThat(mine.json().get("Ids")).isEqualTo(JSON.readTree("[\"a\",\"c\"]"));
        assertThat(mine.json().get("Sessions").findValuesAsText("Id")).containsExactly("a", "c");
        assertThat(mine.json().has("NextToken")).isFalse();

        Reply first = glue("ListSessions", object().put("MaxResults", 2));
        assertThat(first.json().get("Ids")).isEqualTo(JSON.readTree("[\"a\",\"b\"]"));
        String token = first.json().get("NextToken").asText();
        Reply second = glue("ListSessions", object().put("MaxResults", 2).put("NextToken", token));
        assertThat(second.json().get("Ids")).isEqualTo(JSON.readTree("[\"c\"]"));
        assertThat(second.json().has("NextToken")).isFalse();

        glue("ListSessions", object().put("NextToken", "garbage!")).assertError(400, "InvalidInputException", "Invalid NextToken: garbage!");
    }

    @Test
    void tagsRoundTripThroughSessionArns() throws Exception {
        storeSession("s1", Map.of("owner", "me"));
        String arn = "arn:aws:glue:us-east-1:123456789012:session/s1";
        glue("TagResource", object().put("ResourceArn", arn).set("TagsToAdd", JSON.readTree("{\"team\":\"data\"}"))).assertOkWithBody("{}");
        glue("GetTags", object().put("ResourceArn", arn)).assertOkWithBody("{\"Tags\":{\"owner\":\"me\",\"team\":\"data\"}}");
        glue("UntagResource", object().put("ResourceArn", arn).set("TagsToRemove", JSON.readTree("[\"owner\"]"))).assertOkWithBody("{}");
        glue("GetTags", object().put("ResourceArn", arn)).assertOkWithBody("{\"Tags\":{\"team\":\"data\"}}");
    }

    @Test
    void tagsOnOtherResourcesAreRefused() throws Exception {
        glue("GetTags", object().put("ResourceArn", "arn:aws:glue:us-east-1:123456789012:job/etl"))
                .assertError(400, "EntityNotFoundException", "Resource not found: arn:aws:glue:us-east-1:123456789012:job/etl (Epoxy does not serve job resources)");
        glue("GetTags", object().put("ResourceArn", "arn:aws:glue:us-east-1:123456789012:session/missing"))
                .assertError(400, "EntityNotFoundException", "Session not found: missing");
        glue("GetTags", object().put("ResourceArn", "arn:aws:glue:oops"))
                .assertError(400, "InvalidInputException", "Invalid resource ARN: arn:aws:glue:oops (expected arn:aws:glue:<region>:<account>:<type>/<name>)");
        glue("GetTags", object().put("ResourceArn", "arn:aws:s3:::bucket"))
                .assertError(400, "InvalidInputException", "1 validation error detected: Value 'arn:aws:s3:::bucket' at 'ResourceArn' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*");
    }

    @Test
    void resourceTypesNotServedYetAreNotFoundByName() throws Exception {
        for (String type : List.of("crawler", "connection", "workflow", "trigger")) {
            String arn = "arn:aws:glue:us-east-1:123456789012:" + type + "/x";
            glue("TagResource", object().put("ResourceArn", arn).set("TagsToAdd", JSON.readTree("{\"k\":\"v\"}")))
                    .assertError(400, "EntityNotFoundException", "Resource not found: " + arn + " (Epoxy does not serve " + type + " resources)");
            assertThat(server.tags().getTags(ServerConfig.defaults().arns().parse(arn))).isEmpty();
        }
        glue("GetTags", object().put("ResourceArn", "arn:aws:glue:us-east-1:123456789012:gadget/x"))
                .assertError(400, "InvalidInputException", "Invalid resource ARN: arn:aws:glue:us-east-1:123456789012:gadget/x (unknown resource type gadget)");
    }

    @Test
    void deletingASessionDeletesItsTagsSoItsIdComesBackUntagged() throws Exception {
        storeSession("s1", Map.of("owner", "me"));
        String arn = "arn:aws:glue:us-east-1:123456789012:session/s1";
        glue("DeleteSession", object().put("Id", "s1")).assertOkWithBody("{\"Id\":\"s1\"}");

        assertThat(server.tags().getTags(ServerConfig.defaults().arns().parse(arn))).isEmpty();
        glue("GetTags", object().put("ResourceArn", arn)).assertError(400, "EntityNotFoundException", "Session not found: s1");
        storeSession("s1", Map.of());
        glue("GetTags", object().put("ResourceArn", arn)).assertOkWithBody("{\"Tags\":{}}");
    }

    @Test
    void dashboardOfJobIsNotFoundAndSessionEndpointIsNotSupported() throws Exception {
        glue("GetDashboardUrl", object().put("ResourceId", "etl").put("ResourceType", "JOB")).assertError(400, "EntityNotFoundException", "Job not found: etl");
        storeSession("s1");
        glue("GetDashboardUrl", object().put("ResourceId", "s1").put("ResourceType", "SESSION"))
                .assertError(400, "IllegalSessionStateException", "Session s1 has no Spark UI: it is PROVISIONING");
        glue("GetSessionEndpoint", object().put("SessionId", "s1")).assertError(400, "OperationNotSupportedException",
                "GetSessionEndpoint is not supported: session s1 is a LIVY session, and Spark Connect sessions are not available yet");
    }

    @Test
    void deleteSessionFreesTheId() throws Exception {
        storeSession("s1");
        glue("DeleteSession", object().put("Id", "s1")).assertOkWithBody("{\"Id\":\"s1\"}");
        glue("GetSession", object().put("Id", "s1")).assertError(400, "EntityNotFoundException", "Session not found: s1");
    }

    @Test
    void malformedJsonIsSerializationException() throws Exception {
        Reply reply = send(post("AWSGlue.GetSession", "{\"Id\":"));
        reply.assertErrorType(400, "SerializationException");
        assertThat(reply.json().get("Message").asText()).startsWith("Cannot parse the request body as JSON: ");
    }

    @Test
    void trailingDataAfterTheJsonBodyIsSerializationException() throws Exception {
        storeSession("s1");
        send(post("AWSGlue.ListSessions", "{}x")).assertError(400, "SerializationException",
                "Cannot parse the request body as JSON: unexpected data after the JSON value at line 1, column 3");
        send(post("AWSGlue.ListSessions", "{}\n  ]")).assertError(400, "SerializationException",
                "Cannot parse the request body as JSON: unexpected data after the JSON value at line 2, column 3");
        send(post("AWSGlue.ListSessions", "{}{\"MaxResults\":1}")).assertError(400, "SerializationException",
                "Cannot parse the request body as JSON: unexpected data after the JSON value at line 1, column 3");
        send(post("AWSGlue.DeleteSession", "{\"Id\":\"s1\"} {\"Id\":\"s2\"}")).assertError(400, "SerializationException",
                "Cannot parse the request body as JSON: unexpected data after the JSON value at line 1, column 13");
        // The operation did not run.
        assertThat(store.findSession(new SessionId("s1"))).isPresent();
        // Whitespace after the value is not data.
        assertThat(send(post("AWSGlue.ListSessions", "{}\n \t")).json().get("Ids")).isEqualTo(JSON.readTree("[\"s1\"]"));
    }

    @Test
    void serializationExceptionNeverEchoesTheBody() throws Exception {
        String secret = "S3CR3T".repeat(60);
        List<String> bodies = List.of(
                "{\"Id\":" + secret + "}",
                "{\"Id\":\"" + secret + "\"" + secret + "}",
                secret,
                "{\"Id\":\"s1\"}" + secret,
                "{\"Id\":\"" + secret + "\u0001\"}",
                "{\"" + secret + "\":tru",
                "[".repeat(2000) + secret);
        for (String body : bodies) {
            Reply reply = send(post("AWSGlue.GetSession", body));
            reply.assertErrorType(400, "SerializationException");
            String message = reply.json().get("Message").asText();
            assertThat(message).as(body).matches("Cannot parse the request body as JSON: [A-Za-z0-9 ()-]+( at line \\d+, column \\d+)?")
                    .doesNotContain("S3CR3T", "jackson", "java.", "Source:");
        }
    }

    @Test
    void contentTypeMustBeAmzJson11() throws Exception {
        send(HttpRequest.newBuilder(endpoint.uri().resolve("/")).header("X-Amz-Target", "AWSGlue.ListSessions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build())
                .assertError(400, "UnknownOperationException", "Unsupported Content-Type: Glue requests are application/x-amz-json-1.1, not application/json");
        send(HttpRequest.newBuilder(endpoint.uri().resolve("/")).header("X-Amz-Target", "AWSGlue.ListSessions").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build())
                .assertError(400, "UnknownOperationException", "Unsupported Content-Type: Glue requests are application/x-amz-json-1.1, not text/plain");
        send(HttpRequest.newBuilder(endpoint.uri().resolve("/")).header("X-Amz-Target", "AWSGlue.ListSessions")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build())
                .assertError(400, "UnknownOperationException", "Missing Content-Type: Glue requests are application/x-amz-json-1.1");
        // Parameters are ignored, and media types are case-insensitive (Smithy's awsJson1_1 protocol tests).
        send(HttpRequest.newBuilder(endpoint.uri().resolve("/")).header("X-Amz-Target", "AWSGlue.ListSessions").header("Content-Type", "Application/X-Amz-Json-1.1; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build())
                .assertOkWithBody("{\"Ids\":[],\"Sessions\":[]}");
    }

    @Test
    void stsAnswerIsWellFormedXmlWhateverTheRequestHolds() throws Exception {
        for (String form : List.of("Action=Get%01Caller%00Identity%0B&Version=2011-06-15", "Action=%3C%2FMessage%3E%26%ED%A0%80&Version=%1F", "Action=" + "A%07".repeat(5000))) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            org.w3c.dom.Document document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(response.body().getBytes(UTF_8)));
            assertThat(document.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("InvalidAction");
            assertThat(document.getElementsByTagName("Message").item(0).getTextContent()).startsWith("Could not find operation ").hasSizeLessThan(300);
        }
    }

    @Test
    void oversizeStsBodyIsAnsweredInStsXml() throws Exception {
        String response = raw("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + (GlueRequestHandler.MAX_BODY_BYTES + 1) + "\r\n\r\nAction=GetCallerIdentity");
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).containsIgnoringCase("Content-Type: text/xml");
        assertThat(response).contains("<Code>ValidationError</Code>", "<Message>The request body exceeds 8388608 bytes</Message>");
        assertThat(response).doesNotContain("__type");
    }

    @Test
    void oversizeGlueBodyIsSerializationException() throws Exception {
        String response = raw("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSGlue.ListSessions\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: " + (GlueRequestHandler.MAX_BODY_BYTES + 1) + "\r\n\r\n{}");
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).contains("{\"__type\":\"SerializationException\",\"Message\":\"The request body exceeds 8388608 bytes\"}");
    }

    @Test
    void wrongJsonTypeIsSerializationException() throws Exception {
        glue("CreateSession", createSession("s1").put("NumberOfWorkers", "five"))
                .assertError(400, "SerializationException", "Cannot read 'NumberOfWorkers': expected a JSON whole number within 32 bits but found a string");
        send(post("AWSGlue.GetSession", "[1]")).assertError(400, "SerializationException", "Request body of GetSession must be a JSON object");
    }

    @Test
    void emptyBodyMeansNoParameters() throws Exception {
        send(post("AWSGlue.GetSession", "")).assertError(400, "InvalidInputException",
                "1 validation error detected: Value null at 'Id' failed to satisfy constraint: Member must not be null");
        send(post("AWSGlue.ListSessions", "")).assertOkWithBody("{\"Ids\":[],\"Sessions\":[]}");
    }

    @Test
    void unknownTargetIsUnknownOperation() throws Exception {
        send(post("AWSGlue.MakeCoffee", "{}")).assertError(400, "UnknownOperationException", "Unknown operation: AWSGlue.MakeCoffee");
        send(post("Other.GetSession", "{}")).assertError(400, "UnknownOperationException", "Unknown operation: X-Amz-Target Other.GetSession (Epoxy serves AWSGlue.<Operation>)");
        send(HttpRequest.newBuilder(endpoint.uri().resolve("/")).header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString("{}")).build())
                .assertError(400, "UnknownOperationException", "Missing X-Amz-Target header: expected AWSGlue.<Operation> (or a form-encoded STS request)");
        send(post("AWSGlue.CreateConnection", "{}")).assertError(400, "OperationNotSupportedException", "Operation CreateConnection is not supported by Epoxy yet");
    }

    @Test
    void wrongMethodOrPathIsAwsError() throws Exception {
        send(HttpRequest.newBuilder(endpoint.uri().resolve("/")).GET().build())
                .assertError(400, "UnknownOperationException", "Epoxy serves the Glue and STS APIs at POST /, not GET /");
        send(HttpRequest.newBuilder(endpoint.uri().resolve("/sessions")).header("X-Amz-Target", "AWSGlue.ListSessions").POST(HttpRequest.BodyPublishers.ofString("{}")).build())
                .assertError(400, "UnknownOperationException", "Epoxy serves the Glue and STS APIs at POST /, not POST /sessions");
    }

    @Test
    void stsGetCallerIdentityAnswersInQueryXml() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.body()).contains(
                "<GetCallerIdentityResult>",
                "<Arn>arn:aws:iam::123456789012:user/AKIDTEST</Arn>",
                "<UserId>AKIDTEST</UserId>",
                "<Account>123456789012</Account>",
                "<RequestId>" + requestId + "</RequestId>");
    }

    @Test
    void foreignHostIsRefusedWhileOnLoopback() throws Exception {
        String response = raw("POST / HTTP/1.1\r\nHost: evil.example:" + endpoint.port() + "\r\nX-Amz-Target: AWSGlue.ListSessions\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(response).startsWith("HTTP/1.1 403 ");
        assertThat(response).containsIgnoringCase("x-amzn-ErrorType: AccessDeniedException");
        assertThat(response).contains("{\"__type\":\"AccessDeniedException\",\"Message\":\"Host 'evil.example:" + endpoint.port() + "' is not allowed: "
                + "the server listens on a loopback address and accepts only localhost, 127.0.0.1 and [::1]; "
                + "add the host to epoxy.server.allowed-hosts (or bind elsewhere with epoxy.server.bind-address) to allow it\"}");

        String local = raw("POST / HTTP/1.1\r\nHost: localhost:" + endpoint.port() + "\r\nX-Amz-Target: AWSGlue.ListSessions\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(local).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void unreadableHttpGetsJsonErrorNotHtml() throws Exception {
        String response = raw("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: nope\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).containsIgnoringCase("x-amzn-ErrorType: SerializationException");
        assertThat(response).contains("{\"__type\":\"SerializationException\",\"Message\":\"Cannot read the HTTP request: ");
        assertThat(response).containsPattern("(?i)x-amzn-RequestId: " + UUID_PATTERN);
        assertThat(response).doesNotContainIgnoringCase("<html");
    }

    @Test
    void unexpectedFailureIsGenericInternalServiceException() throws Exception {
        try (GlueEndpoint failing = GlueEndpoint.start(ServerConfig.defaults().withPort(0), List.of(
                GlueOperation.withoutContext("GetSession", GetSessionRequest.class, request -> {
                    throw new IllegalStateException("secret internal detail");
                })))) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(failing.uri().resolve("/"))
                    .header("X-Amz-Target", "AWSGlue.GetSession")
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"s1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(response);
            String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
            reply.assertError(500, "InternalServiceException", "An internal error occurred; the server log has the details for request " + requestId);
            assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException", "at dev.epoxy");
        }
    }

    @Test
    void handlersGetTheRequestContext() throws Exception {
        java.util.concurrent.atomic.AtomicReference<dev.epoxy.core.RequestContext> seen = new java.util.concurrent.atomic.AtomicReference<>();
        ServerConfig config = ServerConfig.defaults().withPort(0).withRegion("eu-west-3").withAccountId("210987654321");
        try (GlueEndpoint recording = GlueEndpoint.start(config, List.of(
                GlueOperation.of("GetSession", GetSessionRequest.class, (context, request) -> {
                    seen.set(context);
                    return Map.of();
                })))) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(recording.uri().resolve("/"))
                    .header("X-Amz-Target", "AWSGlue.GetSession")
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/eu-west-3/glue/aws4_request, SignedHeaders=host, Signature=00")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"s1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(seen.get()).isEqualTo(new dev.epoxy.core.RequestContext(
                    response.headers().firstValue("x-amzn-RequestId").orElseThrow(), "210987654321", "eu-west-3", java.util.Optional.of("AKIDEXAMPLE")));
            assertThat(seen.get().catalogIdOr(null)).isEqualTo("210987654321");
            assertThat(seen.get().catalogIdOr("123")).isEqualTo("123");
        }
    }

    private String alreadyExistsMessage(String id) {
        // The store owns this message; read it from the store itself so the test does not guess it.
        try {
            store.createSession(Session.provisioning(new SessionId(id), spec(), Instant.now()));
            throw new AssertionError("expected ALREADY_EXISTS from the store");
        }
        catch (dev.epoxy.core.EpoxyException e) {
            assertThat(e.code()).isEqualTo(dev.epoxy.core.ErrorCode.ALREADY_EXISTS);
            return e.getMessage();
        }
    }

    private Session storeSession(String id) {
        return storeSession(id, Map.of());
    }

    private Session storeSession(String id, Map<String, String> tags) {
        // Straight into the real store: these sessions never had a driver, so none is launched.
        Session session = Session.provisioning(new SessionId(id), spec(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.createSession(session);
        server.tags().replaceTags(ServerConfig.defaults().arns().arnOf(GlueResourceType.SESSION, id), tags);
        return session;
    }

    private static SessionSpec spec() {
        return new SessionSpec(Optional.empty(), ROLE, new SessionCommand("glueetl", "3"), 60, 30, Map.of("--enable-glue-datacatalog", "true"),
                List.of(), Capacity.ofWorkers(WorkerType.G_1X, 5), Optional.empty(), "5.0", Optional.empty());
    }

    private static ObjectNode createSession(String id) {
        ObjectNode request = object().put("Id", id).put("Role", ROLE);
        request.putObject("Command").put("Name", "glueetl").put("PythonVersion", "3");
        return request;
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private Reply glue(String operation, JsonNode body) throws Exception {
        return send(post("AWSGlue." + operation, JSON.writeValueAsString(body)));
    }

    private HttpRequest post(String target, String body) {
        return HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private Reply send(HttpRequest request) throws Exception {
        return new Reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(10_000);
            OutputStream output = socket.getOutputStream();
            output.write(request.getBytes(UTF_8));
            output.flush();
            InputStream input = socket.getInputStream();
            return new String(input.readAllBytes(), UTF_8);
        }
    }

    /** A response with assertions on the AWS wire format. */
    private record Reply(HttpResponse<String> response) {
        JsonNode json() throws IOException {
            return JSON.readTree(response.body());
        }

        void assertOk() {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertCommonHeaders();
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).isEmpty();
        }

        void assertOkWithBody(String expectedJson) throws IOException {
            assertOk();
            assertThat(json()).isEqualTo(JSON.readTree(expectedJson));
        }

        void assertErrorType(int status, String type) throws IOException {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertCommonHeaders();
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
            assertThat(json().get("__type").asText()).isEqualTo(type);
        }

        void assertError(int status, String type, String message) throws IOException {
            assertErrorType(status, type);
            assertThat(json()).isEqualTo(JSON.createObjectNode().put("__type", type).put("Message", message));
        }

        private void assertCommonHeaders() {
            assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
            assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
        }
    }
}
