package dev.epoxy.glue.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.model.session.CancelStatementResponse;
import dev.epoxy.glue.model.session.CreateSessionRequest;
import dev.epoxy.glue.model.session.GlueSession;
import dev.epoxy.glue.model.session.GlueStatement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestGlueJson {
    private static final ObjectMapper MAPPER = GlueJson.newObjectMapper();

    @Test
    void emptyOutputIsEmptyObject() throws Exception {
        assertThat(MAPPER.writeValueAsString(new CancelStatementResponse())).isEqualTo("{}");
    }

    @Test
    void timestampsAreEpochSecondsWithFractionAndNullsAreOmitted() throws Exception {
        GlueSession session = new GlueSession("s1", Instant.ofEpochMilli(1602873931255L), "READY", null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(MAPPER.writeValueAsString(session)).isEqualTo("{\"Id\":\"s1\",\"CreatedOn\":1602873931.255,\"Status\":\"READY\"}");
    }

    @Test
    void wholeSecondsKeepTheirFraction() throws Exception {
        GlueSession session = new GlueSession(null, Instant.ofEpochSecond(1700000000L), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(MAPPER.writeValueAsString(session)).isEqualTo("{\"CreatedOn\":1700000000.000}");
    }

    @Test
    void statementTimesAreEpochMilliseconds() throws Exception {
        GlueStatement statement = new GlueStatement(1, "1+1", "AVAILABLE", null, 1.0, 1602873931255L, 1602873931300L);
        assertThat(MAPPER.writeValueAsString(statement))
                .isEqualTo("{\"Id\":1,\"Code\":\"1+1\",\"State\":\"AVAILABLE\",\"Progress\":1.0,\"StartedOn\":1602873931255,\"CompletedOn\":1602873931300}");
    }

    @Test
    void timestampsReadFromNumbersAndIsoStrings() throws Exception {
        assertThat(MAPPER.readValue("{\"CreatedOn\":1602873931.255}", GlueSession.class).createdOn()).isEqualTo(Instant.ofEpochMilli(1602873931255L));
        assertThat(MAPPER.readValue("{\"CreatedOn\":\"2020-10-16T18:45:31.255Z\"}", GlueSession.class).createdOn()).isEqualTo(Instant.ofEpochMilli(1602873931255L));
    }

    @Test
    void requestsReadPascalCaseMembers() throws Exception {
        CreateSessionRequest request = MAPPER.readValue(
                "{\"Id\":\"s1\",\"Command\":{\"Name\":\"glueetl\"},\"NumberOfWorkers\":3,\"Tags\":{\"owner\":\"me\"},\"Unknown\":1}",
                CreateSessionRequest.class);
        assertThat(request.id()).isEqualTo("s1");
        assertThat(request.command().name()).isEqualTo("glueetl");
        assertThat(request.numberOfWorkers()).isEqualTo(3);
        assertThat(request.tags()).containsEntry("owner", "me");
        assertThat(request.maxCapacity()).isNull();
    }

    @Test
    void nonFiniteDoublesAreOmittedNeverWrittenAsStrings() throws Exception {
        GlueSession session = new GlueSession("s1", null, null, null, null, null, null, null, null,
                Double.NaN, Double.POSITIVE_INFINITY, null, null, null, null, null, 12.5, Double.NEGATIVE_INFINITY, null, null, null, null);
        assertThat(MAPPER.writeValueAsString(session)).isEqualTo("{\"Id\":\"s1\",\"ExecutionTime\":12.5}");
    }
}
