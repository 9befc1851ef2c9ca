package dev.epoxy.server.http.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionInfo;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.session.SessionStatus;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.glue.model.session.ConnectionsList;
import dev.epoxy.glue.model.session.CreateSessionRequest;
import dev.epoxy.glue.model.session.GlueSession;
import dev.epoxy.glue.model.session.GlueSessionCommand;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestSessionMapper {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueRole";

    @Test
    void minimalRequestGetsAwsDefaults() {
        SessionSpec spec = SessionMapper.toSpec(request(null, null, null, null, null, null, null));
        assertThat(spec.timeoutMinutes()).isEqualTo(2880);
        assertThat(spec.idleTimeoutMinutes()).isEqualTo(2880);
        assertThat(spec.capacity()).isEqualTo(new Capacity(WorkerType.G_1X, 5, 5.0));
        assertThat(spec.glueVersion()).isEqualTo("5.0");
        assertThat(spec.command()).isEqualTo(new SessionCommand("glueetl", "3"));
        assertThat(spec.defaultArguments()).isEmpty();
        assertThat(spec.connections()).isEmpty();
        assertThat(spec.description()).isEmpty();
    }

    @Test
    void idleTimeoutFollowsTimeoutWhenOnlyTimeoutIsGiven() {
        SessionSpec spec = SessionMapper.toSpec(request(null, null, null, 60, null, null, null));
        assertThat(spec.timeoutMinutes()).isEqualTo(60);
        assertThat(spec.idleTimeoutMinutes()).isEqualTo(60);
    }

    @Test
    void idleTimeoutAloneKeepsDefaultTimeout() {
        SessionSpec spec = SessionMapper.toSpec(request(null, null, null, null, 15, null, null));
        assertThat(spec.timeoutMinutes()).isEqualTo(2880);
        assertThat(spec.idleTimeoutMinutes()).isEqualTo(15);
    }

    @Test
    void workersMapToCapacity() {
        assertThat(SessionMapper.toSpec(request(null, "G.2X", 3, null, null, null, null)).capacity()).isEqualTo(new Capacity(WorkerType.G_2X, 3, 6.0));
    }

    @Test
    void bareMaxCapacityIsRecordedAsG1XWorkers() {
        assertThat(SessionMapper.toSpec(request(2.5, null, null, null, null, null, null)).capacity()).isEqualTo(Capacity.ofMaxCapacity(2.5));
        assertThat(Capacity.ofMaxCapacity(2.5)).isEqualTo(new Capacity(WorkerType.G_1X, 3, 2.5));
    }

    @Test
    void maxCapacityWithWorkersIsRejectedNamingBoth() {
        assertInvalid(request(10.0, "G.1X", null, null, null, null, null),
                "Invalid capacity: MaxCapacity cannot be combined with WorkerType and NumberOfWorkers; set either MaxCapacity or WorkerType and NumberOfWorkers");
        assertInvalid(request(10.0, "G.1X", 5, null, null, null, null),
                "Invalid capacity: MaxCapacity cannot be combined with WorkerType and NumberOfWorkers; set either MaxCapacity or WorkerType and NumberOfWorkers");
    }

    @Test
    void workerTypeAndNumberOfWorkersComeTogether() {
        assertInvalid(request(null, "G.1X", null, null, null, null, null), "Invalid capacity: WorkerType requires NumberOfWorkers");
        assertInvalid(request(null, null, 4, null, null, null, null), "Invalid capacity: NumberOfWorkers requires WorkerType");
    }

    @Test
    void numberOfWorkersMustBePositive() {
        assertInvalid(request(null, "G.1X", -1, null, null, null, null), "Invalid NumberOfWorkers: -1 (must be at least 1)");
        assertInvalid(request(null, "G.1X", 0, null, null, null, null), "Invalid NumberOfWorkers: 0 (must be at least 1)");
    }

    @Test
    void maxCapacityMustBePositive() {
        assertInvalid(request(0.0, null, null, null, null, null, null), "Invalid MaxCapacity: 0.0 (must be greater than 0)");
    }

    @Test
    void rayIsRejectedClearly() {
        assertInvalid(request(null, null, null, null, null, "glueray", null), "Ray sessions are not supported: Command.Name glueray (use glueetl or gluestreaming)");
        assertInvalid(request(null, "Z.2X", 2, null, null, null, null), "Invalid WorkerType: Z.2X is for Ray sessions, which are not supported");
    }

    @Test
    void unknownCommandNameIsRejected() {
        assertInvalid(request(null, null, null, null, null, "pythonshell", null), "Invalid Command.Name: pythonshell (expected glueetl or gluestreaming)");
    }

    @Test
    void streamingIsAccepted() {
        assertThat(SessionMapper.toSpec(request(null, null, null, null, null, "gluestreaming", null)).command().name()).isEqualTo("gluestreaming");
    }

    @Test
    void oldGlueVersionIsRejected() {
        assertInvalid(request(null, null, null, null, null, null, "1.0"), "Invalid GlueVersion: 1.0 (interactive sessions need Glue 2.0 or later)");
        assertThat(SessionMapper.toSpec(request(null, null, null, null, null, null, "4.0")).glueVersion()).isEqualTo("4.0");
        for (String version : new String[] {"2.0", "3.0", "5.0", "5.1"}) {
            assertThat(SessionMapper.toSpec(request(null, null, null, null, null, null, version)).glueVersion()).isEqualTo(version);
        }
        assertInvalid(request(null, null, null, null, null, null, "6.0"), "Invalid GlueVersion: 6.0 (Epoxy sessions accept 2.0, 3.0, 4.0, 5.0, 5.1; all run Spark 3.5.6)");
        assertInvalid(request(null, null, null, null, null, null, "auto"), "Invalid GlueVersion: auto (Epoxy sessions accept 2.0, 3.0, 4.0, 5.0, 5.1; all run Spark 3.5.6)");
    }

    @Test
    void sparkConnectIsNotSupported() {
        CreateSessionRequest request = new CreateSessionRequest("s1", null, ROLE, new GlueSessionCommand("glueetl", "3"), null, null, null, null,
                null, null, null, null, null, null, null, "SPARK_CONNECT");
        assertThatThrownBy(() -> SessionMapper.toSpec(request))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Spark Connect sessions are not supported yet: SessionType SPARK_CONNECT")
                .extracting(e -> ((EpoxyException) e).code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
    }

    @Test
    void sessionWireShapeHasEveryMemberClientsIndex() {
        Instant created = Instant.parse("2026-01-02T03:04:05.678Z");
        SessionSpec spec = new SessionSpec(Optional.of("desc"), ROLE, new SessionCommand("glueetl", "3"), 120, 30,
                Map.of("--conf", "a=b"), List.of("conn"), Capacity.ofWorkers(WorkerType.G_2X, 2), Optional.empty(), "5.0", Optional.of("GluePySparkKernel"));
        Session session = Session.provisioning(new SessionId("s1"), spec, created)
                .completed(SessionStatus.FAILED, Optional.of("driver died"), created.plusSeconds(90));
        GlueSession wire = SessionMapper.toWire(new SessionInfo(session, 0.25, 90.0, 360.0));

        assertThat(wire).isEqualTo(new GlueSession("s1", created, "FAILED", "driver died", "desc", ROLE, new GlueSessionCommand("glueetl", "3"),
                Map.of("--conf", "a=b"), new ConnectionsList(List.of("conn")), 0.25, 4.0, null, "5.0", 2, "G.2X", created.plusSeconds(90),
                90.0, 360.0, 30, 120, null, "LIVY"));
    }

    private static void assertInvalid(CreateSessionRequest request, String message) {
        assertThatThrownBy(() -> SessionMapper.toSpec(request))
                .isInstanceOf(EpoxyException.class)
                .hasMessage(message)
                .extracting(e -> ((EpoxyException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    private static CreateSessionRequest request(Double maxCapacity, String workerType, Integer workers, Integer timeout, Integer idleTimeout, String commandName, String glueVersion) {
        return new CreateSessionRequest("s1", null, ROLE, new GlueSessionCommand(commandName == null ? "glueetl" : commandName, null), timeout, idleTimeout,
                null, null, maxCapacity, workers, workerType, null, glueVersion, null, null, null);
    }
}
