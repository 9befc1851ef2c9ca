package dev.epoxy.server.http.session;

import static dev.epoxy.core.Checks.checkInput;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.GlueSessionVersions;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionInfo;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.glue.model.session.ConnectionsList;
import dev.epoxy.glue.model.session.CreateSessionRequest;
import dev.epoxy.glue.model.session.GlueSession;
import dev.epoxy.glue.model.session.GlueSessionCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateSession input to a {@link SessionSpec} with AWS's defaults and cross-member rules, and sessions to
 * their wire shape. Single-member constraints (types, lengths, patterns, enums) are the validator's job.
 */
public final class SessionMapper {
    static final String GLUE_ETL = "glueetl";
    static final String GLUE_STREAMING = "gluestreaming";
    static final String GLUE_RAY = "glueray";
    static final String DEFAULT_PYTHON_VERSION = "3";
    static final String SESSION_TYPE_LIVY = "LIVY";
    static final String SESSION_TYPE_SPARK_CONNECT = "SPARK_CONNECT";
    static final int MAX_CAPACITY = Integer.MAX_VALUE;

    private SessionMapper() {}

    /**
     * The spec of a CreateSession request.
     *
     * @throws EpoxyException {@code INVALID_INPUT} naming the offending members; {@code NOT_SUPPORTED}
     *     for Spark Connect sessions
     */
    public static SessionSpec toSpec(CreateSessionRequest request) {
        if (SESSION_TYPE_SPARK_CONNECT.equals(request.sessionType())) {
            throw new EpoxyException(NOT_SUPPORTED, "Spark Connect sessions are not supported yet: SessionType %s", request.sessionType());
        }
        int timeout = Optional.ofNullable(request.timeout()).orElse(SessionSpec.DEFAULT_TIMEOUT_MINUTES);
        // AWS: IdleTimeout defaults to Timeout, and Timeout to 2880 minutes.
        int idleTimeout = Optional.ofNullable(request.idleTimeout()).orElse(timeout);
        return new SessionSpec(
                Optional.ofNullable(request.description()),
                request.role(),
                command(request.command()),
                timeout,
                idleTimeout,
                Optional.ofNullable(request.defaultArguments()).orElse(Map.of()),
                Optional.ofNullable(request.connections()).map(ConnectionsList::connections).orElse(List.of()),
                capacity(request.maxCapacity(), request.workerType(), request.numberOfWorkers()),
                Optional.ofNullable(request.securityConfiguration()),
                glueVersion(request.glueVersion()),
                Optional.ofNullable(request.requestOrigin()));
    }

    /** The session's tags from CreateSession; empty when none were given. */
    public static Map<String, String> tags(CreateSessionRequest request) {
        return Optional.ofNullable(request.tags()).orElse(Map.of());
    }

    /** The wire shape of a session, with every member clients index directly. */
    public static GlueSession toWire(SessionInfo info) {
        Session session = info.session();
        SessionSpec spec = session.spec();
        return new GlueSession(
                session.id().value(),
                session.createdOn(),
                session.status().name(),
                session.errorMessage().orElse(null),
                spec.description().orElse(null),
                spec.role(),
                new GlueSessionCommand(spec.command().name(), spec.command().pythonVersion()),
                spec.defaultArguments(),
                new ConnectionsList(spec.connections()),
                info.progress(),
                spec.capacity().maxCapacity(),
                spec.securityConfiguration().orElse(null),
                spec.glueVersion(),
                spec.capacity().numberOfWorkers(),
                spec.capacity().workerType().wireName(),
                session.completedOn().orElse(null),
                info.executionSeconds(),
                info.dpuSeconds(),
                spec.idleTimeoutMinutes(),
                // Not in the model's Session shape (botocore drops it); the kernel reads it when present.
                spec.timeoutMinutes(),
                null,
                SESSION_TYPE_LIVY);
    }

    private static SessionCommand command(GlueSessionCommand command) {
        String name = command.name();
        if (GLUE_RAY.equals(name)) {
            throw new EpoxyException(INVALID_INPUT, "Ray sessions are not supported: Command.Name %s (use %s or %s)", name, GLUE_ETL, GLUE_STREAMING);
        }
        checkInput(GLUE_ETL.equals(name) || GLUE_STREAMING.equals(name), "Invalid Command.Name: %s (expected %s or %s)", name, GLUE_ETL, GLUE_STREAMING);
        String pythonVersion = Optional.ofNullable(command.pythonVersion()).orElse(DEFAULT_PYTHON_VERSION);
        checkInput(pythonVersion.equals(DEFAULT_PYTHON_VERSION), "Invalid Command.PythonVersion: %s (Glue Spark sessions run Python 3)", pythonVersion);
        return new SessionCommand(name, pythonVersion);
    }

    private static Capacity capacity(Double maxCapacity, String workerTypeName, Integer numberOfWorkers) {
        if (maxCapacity != null) {
            checkInput(workerTypeName == null && numberOfWorkers == null,
                    "Invalid capacity: MaxCapacity cannot be combined with WorkerType and NumberOfWorkers; set either MaxCapacity or WorkerType and NumberOfWorkers");
            checkInput(maxCapacity > 0, "Invalid MaxCapacity: %s (must be greater than 0)", maxCapacity);
            // Recorded as ceil(MaxCapacity) workers, an int; larger values would also make DPUSeconds overflow.
            checkInput(maxCapacity <= MAX_CAPACITY, "Invalid MaxCapacity: %s (must be at most %s)", maxCapacity, MAX_CAPACITY);
            return Capacity.ofMaxCapacity(maxCapacity);
        }
        if (numberOfWorkers != null) {
            checkInput(numberOfWorkers >= 1, "Invalid NumberOfWorkers: %s (must be at least 1)", numberOfWorkers);
        }
        if (workerTypeName == null && numberOfWorkers == null) {
            return SessionSpec.DEFAULT_CAPACITY;
        }
        checkInput(workerTypeName != null, "Invalid capacity: NumberOfWorkers requires WorkerType");
        checkInput(numberOfWorkers != null, "Invalid capacity: WorkerType requires NumberOfWorkers");
        WorkerType workerType = WorkerType.fromWireName(workerTypeName)
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "Invalid WorkerType: %s", workerTypeName));
        checkInput(workerType != WorkerType.Z_2X, "Invalid WorkerType: %s is for Ray sessions, which are not supported", workerTypeName);
        return Capacity.ofWorkers(workerType, numberOfWorkers);
    }

    private static String glueVersion(String requested) {
        return requested == null ? SessionSpec.DEFAULT_GLUE_VERSION : GlueSessionVersions.check(requested);
    }
}
