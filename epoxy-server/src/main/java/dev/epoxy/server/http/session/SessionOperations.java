package dev.epoxy.server.http.session;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.JOB_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;
import static dev.epoxy.core.ErrorCode.SESSION_NOT_FOUND;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.connection.ConnectionReferences;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionInfo;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.statement.StatementPage;
import dev.epoxy.glue.model.EchoedText;
import dev.epoxy.glue.model.session.CancelStatementRequest;
import dev.epoxy.glue.model.session.CancelStatementResponse;
import dev.epoxy.glue.model.session.CreateSessionRequest;
import dev.epoxy.glue.model.session.CreateSessionResponse;
import dev.epoxy.glue.model.session.DeleteSessionRequest;
import dev.epoxy.glue.model.session.DeleteSessionResponse;
import dev.epoxy.glue.model.session.GetDashboardUrlRequest;
import dev.epoxy.glue.model.session.GetDashboardUrlResponse;
import dev.epoxy.glue.model.session.GetSessionEndpointRequest;
import dev.epoxy.glue.model.session.GetSessionRequest;
import dev.epoxy.glue.model.session.GetSessionResponse;
import dev.epoxy.glue.model.session.GetStatementRequest;
import dev.epoxy.glue.model.session.GetStatementResponse;
import dev.epoxy.glue.model.session.GlueSession;
import dev.epoxy.glue.model.session.ListSessionsRequest;
import dev.epoxy.glue.model.session.ListSessionsResponse;
import dev.epoxy.glue.model.session.ListStatementsRequest;
import dev.epoxy.glue.model.session.ListStatementsResponse;
import dev.epoxy.glue.model.session.RunStatementRequest;
import dev.epoxy.glue.model.session.RunStatementResponse;
import dev.epoxy.glue.model.session.StopSessionRequest;
import dev.epoxy.glue.model.session.StopSessionResponse;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.tag.TaggableResources;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The interactive-session operations: each validates what the model cannot express, maps the request to
 * the domain, calls {@link SessionService} and maps the answer back.
 */
public final class SessionOperations {
    /** ListSessions pages hold at most this many sessions when MaxResults is absent (the model's PageSize maximum). */
    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final String RESOURCE_TYPE_SESSION = "SESSION";
    private static final int MAX_ECHOED_TOKEN_LENGTH = 64;

    /** CreateSession's Id is a NameString: no session has a longer id. */
    private static final int MAX_SESSION_ID_LENGTH = 255;

    /** GetDashboardUrl of ResourceType JOB when the server serves no jobs: no job exists. */
    private static final JobDashboards NO_JOBS = resourceId -> {
        throw new EpoxyException(JOB_NOT_FOUND, "Job not found: %s", dev.epoxy.core.job.JobNames.shortened(resourceId));
    };

    private final SessionService sessions;
    private final JobDashboards jobDashboards;
    private final ConnectionReferences connections;

    public SessionOperations(SessionService sessions, JobDashboards jobDashboards, ConnectionReferences connections) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.jobDashboards = requireNonNull(jobDashboards, "jobDashboards is null");
        this.connections = requireNonNull(connections, "connections is null");
    }

    /** GetDashboardUrl for ResourceType JOB, answered by the job operations. */
    @FunctionalInterface
    public interface JobDashboards {
        /** @throws EpoxyException {@code JOB_NOT_FOUND}, or why there is no URL */
        String dashboardUrl(String resourceId);
    }

    /**
     * Every session operation, for {@link dev.epoxy.server.http.GlueEndpoint}; the tag operations are TagOperations'.
     * CreateSession's connections are checked by {@code connections}.
     */
    public static List<GlueOperation<?, ?>> all(SessionService sessions, ConnectionReferences connections) {
        return all(sessions, NO_JOBS, connections);
    }

    /** Every session operation, with GetDashboardUrl's JOB resources answered by {@code jobDashboards}. */
    public static List<GlueOperation<?, ?>> all(SessionService sessions, JobDashboards jobDashboards, ConnectionReferences connections) {
        SessionOperations operations = new SessionOperations(sessions, jobDashboards, connections);
        return List.of(
                GlueOperation.withoutContext("CreateSession", CreateSessionRequest.class, operations::createSession),
                GlueOperation.withoutContext("GetSession", GetSessionRequest.class, operations::getSession),
                GlueOperation.withoutContext("ListSessions", ListSessionsRequest.class, operations::listSessions),
                GlueOperation.withoutContext("StopSession", StopSessionRequest.class, operations::stopSession),
                GlueOperation.withoutContext("DeleteSession", DeleteSessionRequest.class, operations::deleteSession),
                GlueOperation.withoutContext("RunStatement", RunStatementRequest.class, operations::runStatement),
                GlueOperation.withoutContext("GetStatement", GetStatementRequest.class, operations::getStatement),
                GlueOperation.withoutContext("ListStatements", ListStatementsRequest.class, operations::listStatements),
                GlueOperation.withoutContext("CancelStatement", CancelStatementRequest.class, operations::cancelStatement),
                GlueOperation.withoutContext("GetDashboardUrl", GetDashboardUrlRequest.class, operations::getDashboardUrl),
                GlueOperation.withoutContext("GetSessionEndpoint", GetSessionEndpointRequest.class, operations::getSessionEndpoint));
    }

    /**
     * Whether the session a {@code session/<Id>} ARN names exists, for {@link TaggableResources}.
     *
     * @throws EpoxyException {@code SESSION_NOT_FOUND}
     */
    public static TaggableResources.ExistenceCheck existenceCheck(SessionService sessions) {
        return arn -> {
            String id = arn.path();
            if (id.codePointCount(0, id.length()) > MAX_SESSION_ID_LENGTH) {
                throw new EpoxyException(SESSION_NOT_FOUND, "Session not found: %s (a session id has at most %s characters)",
                        EchoedText.shortened(id, MAX_SESSION_ID_LENGTH), MAX_SESSION_ID_LENGTH);
            }
            sessions.loadSession(new SessionId(id));
        };
    }

    public CreateSessionResponse createSession(CreateSessionRequest request) {
        SessionId id = new SessionId(request.id());
        SessionSpec spec = SessionMapper.toSpec(request);
        // Before the driver starts: a missing connection is the caller's error, and the kernel prints it.
        connections.checkExist("session " + id.value(), spec.connections());
        sessions.createSession(id, spec, SessionMapper.tags(request));
        return new CreateSessionResponse(SessionMapper.toWire(sessions.describeSession(id)));
    }

    public GetSessionResponse getSession(GetSessionRequest request) {
        return new GetSessionResponse(SessionMapper.toWire(sessions.describeSession(new SessionId(request.id()))));
    }

    public ListSessionsResponse listSessions(ListSessionsRequest request) {
        List<SessionInfo> all = sessions.listSessions(Optional.ofNullable(request.tags()).orElse(Map.of()));
        int from = Optional.ofNullable(request.nextToken()).map(token -> offsetOf(token, all.size())).orElse(0);
        int size = Optional.ofNullable(request.maxResults()).orElse(DEFAULT_PAGE_SIZE);
        // In long arithmetic: an offset near Integer.MAX_VALUE plus the page size must not wrap around.
        int to = (int) Math.min(all.size(), (long) from + size);
        List<GlueSession> page = all.subList(from, to).stream().map(SessionMapper::toWire).toList();
        String nextToken = to < all.size() ? tokenOf(to) : null;
        return new ListSessionsResponse(page.stream().map(GlueSession::id).toList(), page, nextToken);
    }

    public StopSessionResponse stopSession(StopSessionRequest request) {
        sessions.stopSession(new SessionId(request.id()));
        return new StopSessionResponse(request.id());
    }

    public DeleteSessionResponse deleteSession(DeleteSessionRequest request) {
        sessions.deleteSession(new SessionId(request.id()));
        return new DeleteSessionResponse(request.id());
    }

    public RunStatementResponse runStatement(RunStatementRequest request) {
        return new RunStatementResponse(sessions.runStatement(new SessionId(request.sessionId()), request.code()));
    }

    /**
     * Answered when the statement finishes, or as it is after a bounded wait, for the sessions whose
     * answers {@link SessionService#awaitStatement} holds (the official kernels'); at once for the others.
     */
    public CompletableFuture<GetStatementResponse> getStatement(GetStatementRequest request) {
        return sessions.awaitStatement(new SessionId(request.sessionId()), request.id())
                .thenApply(statement -> new GetStatementResponse(StatementMapper.toWire(statement)));
    }

    public ListStatementsResponse listStatements(ListStatementsRequest request) {
        // The model has no MaxResults for ListStatements: pages are cut by size (SessionService.STATEMENT_PAGE_LIMIT).
        int from = Optional.ofNullable(request.nextToken()).map(StatementMapper::statementIdOf).orElse(1);
        StatementPage page = sessions.listStatements(new SessionId(request.sessionId()), from);
        return new ListStatementsResponse(
                page.statements().stream().map(StatementMapper::toWire).toList(),
                page.nextStatementId().map(StatementMapper::tokenOf).orElse(null));
    }

    public CancelStatementResponse cancelStatement(CancelStatementRequest request) {
        sessions.cancelStatement(new SessionId(request.sessionId()), request.id());
        return new CancelStatementResponse();
    }

    public GetDashboardUrlResponse getDashboardUrl(GetDashboardUrlRequest request) {
        if (!RESOURCE_TYPE_SESSION.equals(request.resourceType())) {
            return new GetDashboardUrlResponse(jobDashboards.dashboardUrl(request.resourceId()));
        }
        return new GetDashboardUrlResponse(sessions.dashboardUrl(new SessionId(request.resourceId())));
    }

    public Object getSessionEndpoint(GetSessionEndpointRequest request) {
        sessions.loadSession(new SessionId(request.sessionId()));
        throw new EpoxyException(NOT_SUPPORTED, "GetSessionEndpoint is not supported: session %s is a LIVY session, and Spark Connect sessions are not available yet", request.sessionId());
    }

    static String tokenOf(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token names, at most {@code size}: a token past the end of the list was not made by this server. */
    static int offsetOf(String token, int size) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0 && offset <= size) {
                    return offset;
                }
            }
        }
        catch (IllegalArgumentException e) {
            // Falls through to the error below; NumberFormatException is an IllegalArgumentException.
        }
        throw new EpoxyException(INVALID_INPUT, "Invalid NextToken: %s", shortened(token));
    }

    /** Tokens may be 400,000 characters long; messages echo only their start. */
    private static String shortened(String token) {
        return EchoedText.shortened(token, MAX_ECHOED_TOKEN_LENGTH);
    }
}
