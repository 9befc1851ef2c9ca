package dev.epoxy.e2e;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.testing.TestingPostgreSqlServer;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.SessionStatus;
import software.amazon.awssdk.services.glue.model.Statement;
import software.amazon.awssdk.services.glue.model.StatementState;

/** A server whose store is PostgreSQL (epoxy.store.jdbc-url) keeps its history across a restart. */
class TestServerOnPostgreSql {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveSessionRole";

    @Test
    void sessionHistoryLivesInPostgreSql() {
        try (TestingPostgreSqlServer postgres = new TestingPostgreSqlServer()) {
            TestingEpoxyServer.Builder builder = TestingEpoxyServer.builder()
                    .withConfig("epoxy.store.jdbc-url", postgres.jdbcUrl())
                    .withConfig("epoxy.store.user", postgres.user())
                    .withConfig("epoxy.store.password", postgres.password());

            try (TestingEpoxyServer server = builder.build(); GlueClient glue = client(server.endpoint())) {
                glue.createSession(request -> request.id("pg-session").role(ROLE)
                        .command(command -> command.name("glueetl").pythonVersion("3")));
                await().atMost(ofSeconds(120)).pollInterval(ofMillis(200))
                        .until(() -> glue.getSession(request -> request.id("pg-session")).session().status(), status -> status == SessionStatus.READY);
                int id = glue.runStatement(request -> request.sessionId("pg-session").code("print(6 * 7)")).id();
                Statement statement = await().atMost(ofSeconds(60)).pollInterval(ofMillis(50))
                        .until(() -> glue.getStatement(request -> request.sessionId("pg-session").id(id)).statement(),
                                candidate -> Set.of(StatementState.AVAILABLE, StatementState.ERROR).contains(candidate.state()));
                assertThat(statement.output().data().textPlain()).isEqualTo("42");
            }

            // A second server on the same database, with a different home: the history is in PostgreSQL.
            try (TestingEpoxyServer server = builder.build(); GlueClient glue = client(server.endpoint())) {
                assertThat(glue.getSession(request -> request.id("pg-session")).session().status()).isEqualTo(SessionStatus.FAILED);
                assertThat(glue.listStatements(request -> request.sessionId("pg-session")).statements())
                        .extracting(statement -> statement.output().data().textPlain())
                        .containsExactly("42");
            }
        }
    }

    private static GlueClient client(URI endpoint) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEPOXYTEST", "secret")))
                .build();
    }
}
