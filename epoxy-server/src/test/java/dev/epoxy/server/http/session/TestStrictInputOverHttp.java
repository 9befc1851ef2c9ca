package dev.epoxy.server.http.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.server.http.GlueEndpoint;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.http.TestingGlueEndpoint;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, findings 4, 5 and 11 (tags), over real HTTP with a real Jetty and H2 store: each request used to
 * end in a 500, an {@code "Infinity"} string or an unchecked tag. No case may launch a driver.
 */
class TestStrictInputOverHttp {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueRole";
    private static final String ARN_PREFIX = "arn:aws:glue:us-east-1:123456789012:session/";
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
    void numberBeyondDoubleRangeIsSerializationExceptionNamingMember() throws Exception {
        assertError(post("CreateSession", createSession("\"NumberOfWorkers\":1e400,\"WorkerType\":\"G.1X\"")), "SerializationException",
                "Cannot read 'NumberOfWorkers': expected a JSON whole number within 32 bits but found a number beyond the range of a double");
        assertError(post("ListSessions", "{\"MaxResults\":1e400}"), "SerializationException",
                "Cannot read 'MaxResults': expected a JSON whole number within 32 bits but found a number beyond the range of a double");
        assertError(post("GetStatement", "{\"SessionId\":\"s1\",\"Id\":-1e400}"), "SerializationException",
                "Cannot read 'Id': expected a JSON whole number within 32 bits but found a number beyond the range of a double");
    }

    @Test
    void fourHundredDigitMaxCapacityIsRejectedNamingMember() throws Exception {
        String digits = "9".repeat(400);
        assertError(post("CreateSession", createSession("\"MaxCapacity\":" + digits)), "SerializationException",
                "Cannot read 'MaxCapacity': expected a JSON number within the range of a double but found the number " + "9".repeat(128) + "...");
        assertError(post("CreateSession", createSession("\"MaxCapacity\":1e300")), "InvalidInputException",
                "Invalid MaxCapacity: 1.0E300 (must be at most 2147483647)");
        assertThat(store.listSessions()).isEmpty();
    }

    @Test
    void responsesNeverCarryInfinity() throws Exception {
        // A capacity so large that DPUSeconds overflows to Infinity: the member is left out, not written as "Infinity".
        Session session = Session.provisioning(new SessionId("huge"), spec(new Capacity(WorkerType.G_1X, Integer.MAX_VALUE, Double.MAX_VALUE)),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.createSession(session);
        HttpResponse<String> response = post("GetSession", "{\"Id\":\"huge\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Infinity").doesNotContain("NaN");
        JsonNode reply = JSON.readTree(response.body()).get("Session");
        assertThat(reply.get("MaxCapacity").doubleValue()).isEqualTo(Double.MAX_VALUE);
        assertThat(reply.has("DPUSeconds")).isFalse();
    }

    @Test
    void nextTokenNearIntegerMaxIsInvalidInput() throws Exception {
        storeSession("s1", Map.of());
        for (int offset : List.of(Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 2)) {
            String token = SessionOperations.tokenOf(offset);
            assertError(post("ListSessions", "{\"MaxResults\":1000,\"NextToken\":\"" + token + "\"}"), "InvalidInputException", "Invalid NextToken: " + token);
        }
        String atEnd = SessionOperations.tokenOf(1);
        HttpResponse<String> last = post("ListSessions", "{\"MaxResults\":1000,\"NextToken\":\"" + atEnd + "\"}");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(JSON.readTree(last.body()).get("Ids")).isEmpty();
    }

    @Test
    void longNextTokenIsNotEchoedWhole() throws Exception {
        String token = "A".repeat(100_000);
        assertError(post("ListSessions", "{\"NextToken\":\"" + token + "\"}"), "InvalidInputException", "Invalid NextToken: " + "A".repeat(64) + "...");
    }

    @Test
    void recursivePatternOnLongGlueVersionIsLengthErrorOnly() throws Exception {
        assertError(post("CreateSession", createSession("\"GlueVersion\":\"" + "a.".repeat(10_000) + "\"")), "InvalidInputException",
                "1 validation error detected: Value at 'GlueVersion' failed to satisfy constraint: Member must have length less than or equal to 255");
    }

    @Test
    void sessionCarriesAtMostFiftyTags() throws Exception {
        storeSession("s1", IntStream.range(0, 30).boxed().collect(Collectors.toMap(i -> "a" + i, i -> "v")));
        String tags = IntStream.range(0, 21).mapToObj(i -> "\"b" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));
        assertError(post("TagResource", "{\"ResourceArn\":\"" + ARN_PREFIX + "s1\",\"TagsToAdd\":" + tags + "}"), "InvalidInputException",
                "Cannot tag arn:aws:glue:us-east-1:123456789012:session/s1: a resource can have at most 50 tags, and this would make 51");
        assertThat(server.tags().getTags(ServerConfig.defaults().arns().arnOf(GlueResourceType.SESSION, "s1"))).hasSize(30);

        String twenty = IntStream.range(0, 20).mapToObj(i -> "\"b" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));
        assertThat(post("TagResource", "{\"ResourceArn\":\"" + ARN_PREFIX + "s1\",\"TagsToAdd\":" + twenty + "}").statusCode()).isEqualTo(200);
        assertThat(server.tags().getTags(ServerConfig.defaults().arns().arnOf(GlueResourceType.SESSION, "s1"))).hasSize(50);
    }

    @Test
    void arnOfAnotherPartitionIsNotFound() throws Exception {
        storeSession("s1", Map.of("owner", "me"));
        for (String partition : List.of("aws-cn", "aws-us-gov", "aws-iso-b")) {
            String arn = "arn:" + partition + ":glue:us-east-1:123456789012:session/s1";
            assertError(post("GetTags", "{\"ResourceArn\":\"" + arn + "\"}"), "EntityNotFoundException",
                    "Resource not found: " + arn + " (this server is partition aws)");
            assertError(post("TagResource", "{\"ResourceArn\":\"" + arn + "\",\"TagsToAdd\":{\"k\":\"v\"}}"), "EntityNotFoundException",
                    "Resource not found: " + arn + " (this server is partition aws)");
        }
        assertThat(server.tags().getTags(ServerConfig.defaults().arns().arnOf(GlueResourceType.SESSION, "s1"))).isEqualTo(Map.of("owner", "me"));
    }

    private void storeSession(String id, Map<String, String> tags) {
        store.createSession(Session.provisioning(new SessionId(id), spec(Capacity.ofWorkers(WorkerType.G_1X, 5)), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        server.tags().replaceTags(ServerConfig.defaults().arns().arnOf(GlueResourceType.SESSION, id), tags);
    }

    private static SessionSpec spec(Capacity capacity) {
        return new SessionSpec(Optional.empty(), ROLE, new SessionCommand("glueetl", "3"), 60, 30, Map.of(), List.of(), capacity, Optional.empty(), "5.0", Optional.empty());
    }

    private static String createSession(String extraMembers) {
        return "{\"Id\":\"s1\",\"Role\":\"" + ROLE + "\",\"Command\":{\"Name\":\"glueetl\",\"PythonVersion\":\"3\"}," + extraMembers + "}";
    }

    private HttpResponse<String> post(String operation, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("X-Amz-Target", "AWSGlue." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, String type, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("__type", type).put("Message", message));
    }
}
