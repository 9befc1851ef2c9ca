package dev.epoxy.server.http.job;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;
import static dev.epoxy.server.http.job.JobDocuments.integer;
import static dev.epoxy.server.http.job.JobDocuments.stringMap;
import static dev.epoxy.server.http.job.JobDocuments.strings;
import static dev.epoxy.server.http.job.JobDocuments.text;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.connection.ConnectionReferences;
import dev.epoxy.core.job.Job;
import dev.epoxy.core.job.JobRun;
import dev.epoxy.core.job.JobRunRequest;
import dev.epoxy.core.job.JobService;
import dev.epoxy.core.job.RunStopFailure;
import dev.epoxy.glue.model.EchoedText;
import dev.epoxy.server.http.GlueErrors;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.session.SessionOperations;
import dev.epoxy.server.http.tag.TaggableResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job operations: requests (validated against the model by the endpoint) bound onto the model's
 * shapes by {@link JobDocuments}, then {@link JobService}.
 */
public final class JobOperations {
    /** GetJobs and ListJobs pages hold this many jobs when MaxResults is absent. */
    static final int DEFAULT_JOB_PAGE_SIZE = 100;
    /** GetJobRuns pages hold this many runs when MaxResults is absent (the model's maximum is 200). */
    static final int DEFAULT_RUN_PAGE_SIZE = 100;
    private static final int MAX_ECHOED_LENGTH = 64;

    private final JobService jobs;
    private final JobDocuments documents;
    private final Clock clock;
    private final ConnectionReferences connections;

    public JobOperations(JobService jobs, JobDocuments documents, Clock clock, ConnectionReferences connections) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.connections = requireNonNull(connections, "connections is null");
    }

    /**
     * Every job operation, for {@link dev.epoxy.server.http.GlueEndpoint}; GetDashboardUrl is the sessions' (see {@link #dashboardUrl}).
     * The connections a job names are checked by {@code connections} at CreateJob, UpdateJob and StartJobRun.
     */
    public static List<GlueOperation<?, ?>> all(JobService jobs, JobDocuments documents, Clock clock, ConnectionReferences connections) {
        JobOperations operations = new JobOperations(jobs, documents, clock, connections);
        return List.of(
                GlueOperation.withoutContext("CreateJob", JsonNode.class, operations::createJob),
                GlueOperation.withoutContext("GetJob", JsonNode.class, operations::getJob),
                GlueOperation.withoutContext("GetJobs", JsonNode.class, operations::getJobs),
                GlueOperation.withoutContext("ListJobs", JsonNode.class, operations::listJobs),
                GlueOperation.withoutContext("BatchGetJobs", JsonNode.class, operations::batchGetJobs),
                GlueOperation.withoutContext("UpdateJob", JsonNode.class, operations::updateJob),
                GlueOperation.withoutContext("DeleteJob", JsonNode.class, operations::deleteJob),
                GlueOperation.withoutContext("StartJobRun", JsonNode.class, operations::startJobRun),
                GlueOperation.withoutContext("GetJobRun", JsonNode.class, operations::getJobRun),
                GlueOperation.withoutContext("GetJobRuns", JsonNode.class, operations::getJobRuns),
                GlueOperation.withoutContext("BatchStopJobRun", JsonNode.class, operations::batchStopJobRun),
                GlueOperation.withoutContext("GetJobBookmark", JsonNode.class, operations::getJobBookmark),
                GlueOperation.withoutContext("ResetJobBookmark", JsonNode.class, operations::resetJobBookmark));
    }

    /**
     * Whether the job a {@code job/<Name>} ARN names exists, for the tag operations' registry.
     *
     * @throws EpoxyException {@code JOB_NOT_FOUND}
     */
    public static TaggableResources.ExistenceCheck existenceCheck(JobService jobs) {
        return arn -> jobs.loadJob(arn.path());
    }

    /**
     * GetDashboardUrl for ResourceType JOB (ResourceId: the job's name, as in its ARN): runs have no
     * Spark UI URL Epoxy can give yet, so an existing job answers OperationNotSupportedException.
     *
     * @throws EpoxyException {@code JOB_NOT_FOUND}; {@code NOT_SUPPORTED}
     */
    public static SessionOperations.JobDashboards dashboards(JobService jobs) {
        return resourceId -> {
            jobs.loadJob(resourceId);
            throw new EpoxyException(NOT_SUPPORTED, "GetDashboardUrl is not supported for jobs yet: job %s has no Spark UI URL; a run's output is in its log (see docs/jobs.md)",
                    resourceId);
        };
    }

    JsonNode createJob(JsonNode request) {
        String name = required(request, "Name");
        ObjectNode job = documents.bind("CreateJobRequest", request);
        connections.checkExist("job " + EchoedText.shortened(name, MAX_ECHOED_LENGTH), documents.definitionOf(name, job).connections());
        jobs.createJob(name, documents.write(job), stringMap(request.get("Tags")));
        return documents.newObject().put("Name", name);
    }

    JsonNode getJob(JsonNode request) {
        ObjectNode response = documents.newObject();
        response.set("Job", render(jobs.loadJob(required(request, "JobName"))));
        return response;
    }

    JsonNode getJobs(JsonNode request) {
        Page page = page(request, Map.of());
        ObjectNode response = documents.newObject();
        ArrayNode list = response.putArray("Jobs");
        page.jobs().forEach(job -> list.add(render(job)));
        page.nextToken().ifPresent(token -> response.put("NextToken", token));
        return response;
    }

    JsonNode listJobs(JsonNode request) {
        Page page = page(request, stringMap(request.get("Tags")));
        ObjectNode response = documents.newObject();
        ArrayNode names = response.putArray("JobNames");
        page.jobs().forEach(job -> names.add(job.name()));
        page.nextToken().ifPresent(token -> response.put("NextToken", token));
        return response;
    }

    JsonNode batchGetJobs(JsonNode request) {
        ObjectNode response = documents.newObject();
        ArrayNode found = response.putArray("Jobs");
        ArrayNode notFound = response.putArray("JobsNotFound");
        for (String name : strings(request.get("JobNames"))) {
            jobs.findJob(name).ifPresentOrElse(job -> found.add(render(job)), () -> notFound.add(name));
        }
        return response;
    }

    /** JobUpdate replaces the whole definition, as in Glue; Command and Role are still required. */
    JsonNode updateJob(JsonNode request) {
        String name = required(request, "JobName");
        JsonNode update = request.get("JobUpdate");
        if (update == null || !update.isObject()) {
            throw new EpoxyException(INVALID_INPUT, "JobUpdate is required");
        }
        if (text(update, "Role").filter(role -> !role.isEmpty()).isEmpty()) {
            throw new EpoxyException(INVALID_INPUT, "Invalid JobUpdate: Role is required (UpdateJob replaces the whole job definition)");
        }
        ObjectNode job = documents.bind("JobUpdate", update);
        connections.checkExist("job " + EchoedText.shortened(name, MAX_ECHOED_LENGTH), documents.definitionOf(name, job).connections());
        jobs.updateJob(name, documents.write(job));
        return documents.newObject().put("JobName", name);
    }

    JsonNode deleteJob(JsonNode request) {
        String name = required(request, "JobName");
        jobs.deleteJob(name);
        return documents.newObject().put("JobName", name);
    }

    JsonNode startJobRun(JsonNode request) {
        String name = required(request, "JobName");
        // A connection deleted since CreateJob fails the StartJobRun, not the run's driver.
        connections.checkExist("job " + EchoedText.shortened(name, MAX_ECHOED_LENGTH), jobs.definitionOf(jobs.loadJob(name)).connections());
        Optional<Double> maxCapacity = Optional.ofNullable(request.get("MaxCapacity")).filter(JsonNode::isNumber).map(JsonNode::asDouble)
                .or(() -> integer(request, "AllocatedCapacity").map(Integer::doubleValue));
        JobRunRequest run = new JobRunRequest(stringMap(request.get("Arguments")), integer(request, "Timeout"), text(request, "WorkerType"),
                integer(request, "NumberOfWorkers"), maxCapacity, text(request, "ExecutionClass"), text(request, "JobRunId"));
        return documents.newObject().put("JobRunId", jobs.startJobRun(name, run));
    }

    JsonNode getJobRun(JsonNode request) {
        JobRun run = jobs.loadRun(required(request, "JobName"), required(request, "RunId"));
        ObjectNode response = documents.newObject();
        response.set("JobRun", JobRunShapes.jobRun(run, clock.instant()));
        return response;
    }

    JsonNode getJobRuns(JsonNode request) {
        String name = required(request, "JobName");
        int size = integer(request, "MaxResults").orElse(DEFAULT_RUN_PAGE_SIZE);
        Optional<String> after = text(request, "NextToken").filter(token -> !token.isEmpty()).map(token -> positionOf("runs", token));
        List<JobRun> runs = jobs.listRuns(name, after, size + 1);
        ObjectNode response = documents.newObject();
        ArrayNode list = response.putArray("JobRuns");
        runs.subList(0, Math.min(size, runs.size())).forEach(run -> list.add(JobRunShapes.jobRun(run, clock.instant())));
        if (runs.size() > size) {
            response.put("NextToken", tokenOf("runs", runs.get(size - 1).id()));
        }
        return response;
    }

    JsonNode batchStopJobRun(JsonNode request) {
        String name = required(request, "JobName");
        List<String> runIds = strings(request.get("JobRunIds"));
        List<RunStopFailure> failures = jobs.stopJobRuns(name, runIds);
        Set<String> failed = new HashSet<>();
        ObjectNode response = documents.newObject();
        ArrayNode errors = response.putArray("Errors");
        for (RunStopFailure failure : failures) {
            failed.add(failure.runId());
            ObjectNode error = errors.addObject().put("JobName", name).put("JobRunId", failure.runId());
            error.putObject("ErrorDetail").put("ErrorCode", GlueErrors.shapeOf(failure.code()).name()).put("ErrorMessage", failure.message());
        }
        ArrayNode submitted = response.putArray("SuccessfulSubmissions");
        runIds.stream().filter(id -> !failed.contains(id)).distinct().forEach(id -> submitted.addObject().put("JobName", name).put("JobRunId", id));
        return response;
    }

    JsonNode getJobBookmark(JsonNode request) {
        ObjectNode response = documents.newObject();
        response.set("JobBookmarkEntry", JobRunShapes.bookmarkEntry(jobs.getJobBookmark(required(request, "JobName"), text(request, "RunId"))));
        return response;
    }

    JsonNode resetJobBookmark(JsonNode request) {
        ObjectNode response = documents.newObject();
        response.set("JobBookmarkEntry", JobRunShapes.bookmarkEntry(jobs.resetJobBookmark(required(request, "JobName"), text(request, "RunId"))));
        return response;
    }

    private ObjectNode render(Job job) {
        return documents.render(job, jobs.definitionOf(job));
    }

    private record Page(List<Job> jobs, Optional<String> nextToken) {}

    /** One page of jobs by name; with tags, only jobs that carry all of them (reading further until the page is full). */
    private Page page(JsonNode request, Map<String, String> tags) {
        int size = integer(request, "MaxResults").orElse(DEFAULT_JOB_PAGE_SIZE);
        Optional<String> after = text(request, "NextToken").filter(token -> !token.isEmpty()).map(token -> positionOf("jobs", token));
        List<Job> selected = new ArrayList<>();
        while (true) {
            List<Job> batch = jobs.listJobs(after, size + 1);
            for (Job job : batch) {
                if (selected.size() == size) {
                    return new Page(List.copyOf(selected), Optional.of(tokenOf("jobs", selected.get(size - 1).name())));
                }
                after = Optional.of(job.name());
                if (tags.isEmpty() || jobs.getTags(job.name()).entrySet().containsAll(tags.entrySet())) {
                    selected.add(job);
                }
            }
            if (batch.size() <= size) {
                return new Page(List.copyOf(selected), Optional.empty());
            }
        }
    }

    private static String required(JsonNode request, String member) {
        return text(request, member).orElseThrow(() -> new EpoxyException(INVALID_INPUT, "%s is required", member));
    }

    static String tokenOf(String listing, String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((listing + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    static String positionOf(String listing, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(listing + ":")) {
                return text.substring(listing.length() + 1);
            }
        }
        catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        throw new EpoxyException(INVALID_INPUT, "Invalid NextToken: %s", EchoedText.shortened(token, MAX_ECHOED_LENGTH));
    }
}
