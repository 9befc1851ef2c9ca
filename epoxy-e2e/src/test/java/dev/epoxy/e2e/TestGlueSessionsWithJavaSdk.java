package dev.epoxy.e2e;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Session;
import software.amazon.awssdk.services.glue.model.SessionStatus;
import software.amazon.awssdk.services.glue.model.Statement;
import software.amazon.awssdk.services.glue.model.StatementState;
import software.amazon.awssdk.services.glue.model.WorkerType;
import software.amazon.awssdk.services.sts.StsClient;

/** The Glue sessions API driven by the AWS SDK for Java v2 against a real server with real drivers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestGlueSessionsWithJavaSdk {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveSessionRole";
    private static final Set<StatementState> FINISHED = Set.of(StatementState.AVAILABLE, StatementState.ERROR, StatementState.CANCELLED);

    private TestingEpoxyServer server;
    private GlueClient glue;
    private String sessionId;

    @BeforeAll
    void startServerAndSession() {
        server = TestingEpoxyServer.builder().build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEPOXYTEST", "secret"));
        glue = GlueClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        sessionId = "java-sdk-" + UUID.randomUUID();
        Session created = glue.createSession(request -> request
                .id(sessionId)
                .role(ROLE)
                .command(command -> command.name("glueetl").pythonVersion("3"))
                .workerType(WorkerType.G_1_X)
                .numberOfWorkers(2)
                .tags(Map.of("owner", "junit")))
                .session();
        assertThat(created.status()).isEqualTo(SessionStatus.PROVISIONING);
        await().atMost(ofSeconds(120)).pollInterval(ofMillis(200))
                .until(() -> glue.getSession(request -> request.id(sessionId)).session().status(), status -> status != SessionStatus.PROVISIONING);
        Session session = glue.getSession(request -> request.id(sessionId)).session();
        assertThat(session.status()).as("session error: %s", session.errorMessage()).isEqualTo(SessionStatus.READY);
    }

    @AfterAll
    void stopServer() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void printedTextComesBackAsTextPlain() {
        Statement statement = runStatement("print('hello world')");
        assertThat(statement.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(statement.output().statusAsString()).isEqualTo("ok");
        assertThat(statement.output().data().textPlain()).isEqualTo("hello world");
    }

    @Test
    void sparkComputesTheRightSum() {
        long n = 1_000_000;
        Statement statement = runStatement("spark.range(" + n + ").selectExpr('sum(id)').collect()[0][0]");
        assertThat(Long.parseLong(statement.output().data().textPlain())).isEqualTo(n * (n - 1) / 2);
    }

    @Test
    void userErrorIsAnErrorOutput() {
        Statement statement = runStatement("1 / 0");
        assertThat(statement.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(statement.output().statusAsString()).isEqualTo("error");
        assertThat(statement.output().errorName()).isEqualTo("ZeroDivisionError");
        assertThat(statement.output().traceback()).isNotEmpty();
    }

    @Test
    void unknownSessionIsEntityNotFound() {
        assertThatThrownBy(() -> glue.getSession(request -> request.id("no-such-session")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("no-such-session");
    }

    @Test
    void invalidWorkerCountIsInvalidInput() {
        assertThatThrownBy(() -> glue.createSession(request -> request
                        .id("java-sdk-invalid")
                        .role(ROLE)
                        .command(command -> command.name("glueetl").pythonVersion("3"))
                        .workerType(WorkerType.G_1_X)
                        .numberOfWorkers(-1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NumberOfWorkers");
    }

    @Test
    void duplicateIdIsAlreadyExists() {
        assertThatThrownBy(() -> glue.createSession(request -> request
                        .id(sessionId)
                        .role(ROLE)
                        .command(command -> command.name("glueetl").pythonVersion("3"))))
                .isInstanceOf(AlreadyExistsException.class);
    }

    /** The server listens on port 0 here: drivers must be told the port it chose. */
    @Test
    void driversAreToldTheBoundGlueEndpoint() {
        Statement statement = runStatement("""
                import os
                conf = spark.sparkContext.getConf()
                print(conf.get('spark.epoxy.glue.endpoint'), conf.get('spark.epoxy.glue.region'), conf.get('spark.epoxy.glue.account-id'))
                print(os.environ.get('AWS_ENDPOINT_URL_GLUE'), os.environ.get('AWS_DEFAULT_REGION'), os.environ.get('AWS_REGION'))
                """);
        assertThat(statement.output().statusAsString()).as("output: %s", statement.output()).isEqualTo("ok");
        String endpoint = server.endpoint().toString();
        assertThat(endpoint).doesNotEndWith(":0");
        assertThat(statement.output().data().textPlain()).isEqualTo(
                endpoint + " us-east-1 123456789012\n" + endpoint + " us-east-1 us-east-1");
    }

    @Test
    void tagsRoundTripOnTheSessionArn() {
        String arn = "arn:aws:glue:us-east-1:123456789012:session/" + sessionId;
        glue.tagResource(request -> request.resourceArn(arn).tagsToAdd(Map.of("team", "etl")));
        assertThat(glue.getTags(request -> request.resourceArn(arn)).tags()).containsEntry("owner", "junit").containsEntry("team", "etl");
        glue.untagResource(request -> request.resourceArn(arn).tagsToRemove("team"));
        assertThat(glue.getTags(request -> request.resourceArn(arn)).tags()).doesNotContainKey("team");
    }

    @Test
    void listSessionsFiltersByTag() {
        assertThat(glue.listSessions(request -> request.tags(Map.of("owner", "junit"))).ids()).contains(sessionId);
        assertThat(glue.listSessions(request -> request.tags(Map.of("owner", "nobody"))).ids()).doesNotContain(sessionId);
    }

    @Test
    void stsCallerIdentityIsAnsweredLocally() {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEPOXYTEST", "secret")))
                .build()) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
        }
    }

    private Statement runStatement(String code) {
        int id = glue.runStatement(request -> request.sessionId(sessionId).code(code)).id();
        return await().atMost(ofSeconds(120)).pollInterval(ofMillis(50))
                .until(() -> glue.getStatement(request -> request.sessionId(sessionId).id(id)).statement(), statement -> FINISHED.contains(statement.state()));
    }
}
