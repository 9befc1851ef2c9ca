package dev.epoxy.server.http.catalog;

import static dev.epoxy.server.http.catalog.TestingCatalogEndpoint.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.connection.ConnectionService;
import dev.epoxy.core.session.SessionConfig;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.http.GlueApi;
import dev.epoxy.server.http.GlueEndpoint;
import dev.epoxy.server.secret.ConnectionKeyring;
import dev.epoxy.testing.TestingPostgreSqlServer;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UpdateConnection, BatchDeleteConnection and TestConnection as clients see them, over a real H2 store, the real
 * keyring and a real PostgreSQL for TestConnection; and sessions naming connections that do not exist. No
 * driver is launched: the launcher fails the test if a session asks for one.
 */
final class TestConnectionsOverHttp {
    private static TestingPostgreSqlServer postgresql;

    @TempDir
    Path home;

    private Stores stores;
    private SessionService sessions;
    private GlueEndpoint endpoint;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startPostgreSql() {
        postgresql = new TestingPostgreSqlServer();
    }

    @AfterAll
    static void stopPostgreSql() {
        postgresql.close();
    }

    @BeforeEach
    void start() {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
        ServerConfig config = ServerConfig.defaults().withPort(0);
        sessions = new SessionService(stores.sessions(), stores.tags(), config.arns(), (session, listener) -> {
            throw new AssertionError("No driver may be launched in this test, but session " + session.id() + " asked for one");
        }, Clock.systemUTC(), SessionConfig.defaults());
        ConnectionService connections = new ConnectionService(stores.connections(), stores.tags(), config.arns(),
                ConnectionKeyring.openOrCreate(ConnectionKeyring.fileIn(home)), Clock.systemUTC());
        endpoint = GlueEndpoint.start(config, GlueApi.operations(config.arns(), Clock.systemUTC(), stores, sessions, Optional.empty(), Optional.empty(),
                Optional.of(connections)));
    }

    @AfterEach
    void stop() {
        endpoint.close();
        sessions.close();
        stores.close();
    }

    @Test
    void updateReplacesTheInputAndItsPassword() throws Exception {
        ok("CreateConnection", object().set("ConnectionInput", jdbc("Sales", "jdbc:postgresql://db:5432/sales", Optional.of("first-secret"))));
        ObjectNode created = (ObjectNode) ok("GetConnection", object().put("Name", "sales")).get("Connection");

        ObjectNode input = jdbc("SALES", "jdbc:postgresql://db:5432/sales2", Optional.of("second-secret")).put("Description", "moved");
        assertThat(ok("UpdateConnection", object().put("Name", "sales").set("ConnectionInput", input))).isEqualTo(object());
        JsonNode updated = ok("GetConnection", object().put("Name", "sales")).get("Connection");
        assertThat(updated.path("ConnectionProperties")).isEqualTo(object().put("JDBC_CONNECTION_URL", "jdbc:postgresql://db:5432/sales2")
                .put("USERNAME", "etl").put("PASSWORD", "second-secret"));
        assertThat(updated.path("Description").asText()).isEqualTo("moved");
        assertThat(updated.path("CreationTime")).isEqualTo(created.path("CreationTime"));
        JsonNode hidden = ok("GetConnection", object().put("Name", "sales").put("HidePassword", true));
        assertThat(hidden.toString()).doesNotContain("second-secret").doesNotContain("first-secret");

        // The input replaces the connection: no PASSWORD given, none kept.
        ok("UpdateConnection", object().put("Name", "Sales").set("ConnectionInput", jdbc("sales", "jdbc:postgresql://db:5432/sales2", Optional.empty())));
        assertThat(ok("GetConnection", object().put("Name", "sales")).at("/Connection/ConnectionProperties").has("PASSWORD")).isFalse();
    }

    @Test
    void updatesThatCannotBeDone() throws Exception {
        call("UpdateConnection", object().put("Name", "missing").set("ConnectionInput", jdbc("missing", "jdbc:postgresql://db/x", Optional.empty())))
                .assertError("EntityNotFoundException", "Connection not found: missing");
        ok("CreateConnection", object().set("ConnectionInput", jdbc("sales", "jdbc:postgresql://db/x", Optional.empty())));
        call("UpdateConnection", object().put("Name", "sales").set("ConnectionInput", jdbc("renamed", "jdbc:postgresql://db/x", Optional.empty())))
                .assertError("InvalidInputException", "Cannot rename connection sales to renamed: Epoxy does not rename connections; create renamed and delete sales instead");
        call("UpdateConnection", object().put("Name", "sales").set("ConnectionInput", jdbc("sales", "postgresql://db/x", Optional.empty())))
                .assertError("InvalidInputException", "Connection sales: a JDBC connection needs ConnectionProperties.JDBC_CONNECTION_URL, such as jdbc:postgresql://host:5432/database");
    }

    @Test
    void batchDeleteReportsEachMissingName() throws Exception {
        ok("CreateConnection", object().set("ConnectionInput", jdbc("a", "jdbc:postgresql://db/x", Optional.empty())));
        ok("CreateConnection", object().set("ConnectionInput", jdbc("b", "jdbc:postgresql://db/x", Optional.empty())));
        ObjectNode request = object();
        request.putArray("ConnectionNameList").add("A").add("nowhere").add("b");
        JsonNode response = ok("BatchDeleteConnection", request);
        assertThat(response.get("Succeeded")).isEqualTo(JSON.createArrayNode().add("A").add("b"));
        assertThat(response.get("Errors")).isEqualTo(object().set("nowhere",
                object().put("ErrorCode", "EntityNotFoundException").put("ErrorMessage", "Connection not found: nowhere")));
        call("GetConnection", object().put("Name", "a")).assertError("EntityNotFoundException", "Connection not found: a");
    }

    @Test
    void testConnectionOpensTheDatabase() throws Exception {
        ok("CreateConnection", object().set("ConnectionInput", jdbc("pg", postgresql.jdbcUrl(), Optional.of(postgresql.password()), postgresql.user())));
        assertThat(ok("TestConnection", object().put("ConnectionName", "PG"))).isEqualTo(object());

        ObjectNode unsaved = object().put("ConnectionType", "JDBC");
        unsaved.putObject("ConnectionProperties").put("JDBC_CONNECTION_URL", postgresql.jdbcUrl()).put("USERNAME", postgresql.user())
                .put("PASSWORD", postgresql.password());
        assertThat(ok("TestConnection", object().set("TestConnectionInput", unsaved))).isEqualTo(object());
    }

    @Test
    void aWrongPasswordFailsWithTheDriversReasonAndWithoutThePassword() throws Exception {
        String wrong = "wrong-" + postgresql.password();
        ok("CreateConnection", object().set("ConnectionInput", jdbc("pg", postgresql.jdbcUrl(), Optional.of(wrong), postgresql.user())));
        TestingCatalogEndpoint.Reply reply = call("TestConnection", object().put("ConnectionName", "pg"));
        reply.assertError("InvalidInputException", "Connection test failed for connection pg: FATAL: password authentication failed for user \"epoxy\"");
        assertThat(reply.response().body()).doesNotContain(wrong);
    }

    @Test
    void aClosedPortFailsWithinTheBound() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ok("CreateConnection", object().set("ConnectionInput", jdbc("closed", "jdbc:postgresql://127.0.0.1:" + port + "/x", Optional.of("pw"))));
        long started = System.nanoTime();
        TestingCatalogEndpoint.Reply reply = call("TestConnection", object().put("ConnectionName", "closed"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        reply.assertError("InvalidInputException", "Connection test failed for connection closed: Connection to 127.0.0.1:" + port
                + " refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.");
    }

    @Test
    void testConnectionRefusals() throws Exception {
        call("TestConnection", object()).assertError("InvalidInputException", "TestConnection needs ConnectionName or TestConnectionInput");
        ObjectNode both = object().put("ConnectionName", "x");
        both.putObject("TestConnectionInput").put("ConnectionType", "JDBC").putObject("ConnectionProperties");
        call("TestConnection", both).assertError("InvalidInputException", "TestConnection takes ConnectionName or TestConnectionInput, not both");
        call("TestConnection", object().put("ConnectionName", "missing")).assertError("EntityNotFoundException", "Connection not found: missing");
        ObjectNode kafka = object().put("ConnectionType", "KAFKA");
        kafka.putObject("ConnectionProperties").put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        call("TestConnection", object().set("TestConnectionInput", kafka))
                .assertError("OperationNotSupportedException", "Cannot test connection TestConnectionInput: Epoxy tests JDBC connections only, not KAFKA");
        ObjectNode h2 = object().put("ConnectionType", "JDBC");
        h2.putObject("ConnectionProperties").put("JDBC_CONNECTION_URL", "jdbc:h2:mem:x");
        call("TestConnection", object().set("TestConnectionInput", h2)).assertError("InvalidInputException",
                "Cannot test connection TestConnectionInput: its JDBC_CONNECTION_URL must start with one of jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: (the drivers Epoxy has)");
    }

    @Test
    void aSessionNamingAMissingConnectionIsRefusedBeforeItStarts() throws Exception {
        ok("CreateConnection", object().set("ConnectionInput", jdbc("exists", "jdbc:postgresql://db/x", Optional.empty())));
        ObjectNode request = object().put("Id", "s1").put("Role", "arn:aws:iam::123456789012:role/GlueRole");
        request.putObject("Command").put("Name", "glueetl").put("PythonVersion", "3");
        request.putObject("Connections").putArray("Connections").add("exists").add("missing-one");
        call("CreateSession", request).assertError("InvalidInputException", "Cannot use connection missing-one for session s1: connection not found");
        assertThat(stores.sessions().findSession(new SessionId("s1"))).isEmpty();
    }

    @Test
    void thePasswordIsNotInTheDatabaseFile() throws Exception {
        ok("CreateConnection", object().set("ConnectionInput", jdbc("sealed", "jdbc:postgresql://db/x", Optional.of("sealed-secret-1"))));
        ok("UpdateConnection", object().put("Name", "sealed").set("ConnectionInput", jdbc("sealed", "jdbc:postgresql://db/x", Optional.of("sealed-secret-2"))));
        stores.close();
        try (var files = Files.walk(home.resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain("sealed-secret-1").doesNotContain("sealed-secret-2");
            }
        }
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
    }

    private static ObjectNode jdbc(String name, String url, Optional<String> password) {
        return jdbc(name, url, password, "etl");
    }

    private static ObjectNode jdbc(String name, String url, Optional<String> password, String user) {
        ObjectNode input = object().put("Name", name).put("ConnectionType", "JDBC");
        ObjectNode properties = input.putObject("ConnectionProperties").put("JDBC_CONNECTION_URL", url).put("USERNAME", user);
        password.ifPresent(value -> properties.put("PASSWORD", value));
        return input;
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private TestingCatalogEndpoint.Reply call(String operation, JsonNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("X-Amz-Target", "AWSGlue." + operation)
                .header("Content-Type", GlueJson.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return new TestingCatalogEndpoint.Reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private JsonNode ok(String operation, JsonNode body) throws Exception {
        TestingCatalogEndpoint.Reply reply = call(operation, body);
        assertThat(reply.response().statusCode()).as("%s: %s", operation, reply.response().body()).isEqualTo(200);
        return reply.json();
    }
}
