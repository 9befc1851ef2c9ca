package dev.epoxy.server.http;

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
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.core.statement.Statement;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListStatements over HTTP pages a long history with NextToken (issue 6, finding 1), against a real
 * Jetty and a real H2 store; the history is written straight into the store, so no driver runs.
 */
class TestListStatementsPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STATEMENTS = 30;
    private static final int OUTPUT_CHARS = 512 * 1024;

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
    void longHistoryComesInBoundedPagesLinkedByNextToken() throws Exception {
        fillSession("long", STATEMENTS);

        List<Integer> ids = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            ObjectNode request = JSON.createObjectNode().put("SessionId", "long");
            if (token != null) {
                request.put("NextToken", token);
            }
            HttpResponse<String> response = glue("ListStatements", request);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // 15 MiB of history; no page carries more than a few MiB.
            assertThat(response.body().length()).isLessThan(5 * 1024 * 1024);
            JsonNode page = JSON.readTree(response.body());
            for (JsonNode statement : page.get("Statements")) {
                int id = statement.get("Id").asInt();
                ids.add(id);
                assertThat(statement.get("Output").get("Data").get("TextPlain").asText()).isEqualTo(expectedOutput(id));
            }
            pageSizes.add(page.get("Statements").size());
            token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        }
        while (token != null);

        assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, STATEMENTS).boxed().toList());
        assertThat(pageSizes).hasSizeGreaterThan(1).allSatisfy(size -> assertThat(size).isPositive());
    }

    @Test
    void tokenThatNoPageGaveIsInvalidInputWithoutEchoingIt() throws Exception {
        fillSession("tokens", 1);
        String forged = "bm90LWEtdG9rZW4tc2VjcmV0";

        HttpResponse<String> response = glue("ListStatements", JSON.createObjectNode().put("SessionId", "tokens").put("NextToken", forged));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValueSatisfying(type -> assertThat(type).startsWith("InvalidInputException"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("Message").asText()).isEqualTo("Invalid NextToken: not a token from a ListStatements response");
        assertThat(response.body()).doesNotContain(forged);
    }

    @Test
    void deletingASessionWithHistoryAnswersAndItsIdStartsEmpty() throws Exception {
        fillSession("deleted", STATEMENTS);

        HttpResponse<String> deleted = glue("DeleteSession", JSON.createObjectNode().put("Id", "deleted"));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        storeSession("deleted");

        HttpResponse<String> listed = glue("ListStatements", JSON.createObjectNode().put("SessionId", "deleted"));
        assertThat(JSON.readTree(listed.body()).get("Statements")).isEmpty();
    }

    private void fillSession(String id, int count) {
        Session session = storeSession(id);
        for (int i = 0; i < count; i++) {
            Statement statement = store.createStatement(session.id(), "print(output)", Instant.now());
            store.updateStatement(statement.completed(StatementState.AVAILABLE,
                    Optional.of(StatementOutput.ok(statement.id(), expectedOutput(statement.id()))), Instant.now()));
        }
    }

    private static String expectedOutput(int statementId) {
        String unit = "<" + statementId + ">";
        return unit.repeat(OUTPUT_CHARS / unit.length() + 1).substring(0, OUTPUT_CHARS);
    }

    private Session storeSession(String id) {
        SessionSpec spec = new SessionSpec(Optional.empty(), "arn:aws:iam::123456789012:role/GlueRole", new SessionCommand("glueetl", "3"), 60, 30,
                Map.of(), List.of(), Capacity.ofWorkers(WorkerType.G_1X, 5), Optional.empty(), "5.0", Optional.empty());
        Session session = Session.provisioning(new SessionId(id), spec, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.createSession(session);
        return session;
    }

    private HttpResponse<String> glue(String operation, JsonNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("X-Amz-Target", "AWSGlue." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
