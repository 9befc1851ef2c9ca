package dev.epoxy.server.http.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.job.JobBookmarkEntry;
import dev.epoxy.core.job.JobRun;
import dev.epoxy.glue.model.ShapeBinder;
import java.time.Instant;

/** Job runs and bookmark entries as the model's {@code JobRun} and {@code JobBookmarkEntry} shapes. */
final class JobRunShapes {
    /** Glue's log group of job runs' output; Epoxy keeps the logs on disk (see docs/jobs.md). */
    static final String LOG_GROUP_NAME = "/aws-glue/jobs";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JobRunShapes() {}

    static ObjectNode jobRun(JobRun run, Instant now) {
        ObjectNode shape = NODES.objectNode();
        shape.put("Id", run.id());
        shape.put("Attempt", run.attempt());
        run.previousRunId().ifPresent(id -> shape.put("PreviousRunId", id));
        shape.put("JobName", run.jobName());
        shape.set("StartedOn", ShapeBinder.timestamp(run.startedOn()));
        shape.set("LastModifiedOn", ShapeBinder.timestamp(run.lastModifiedOn()));
        run.completedOn().ifPresent(completed -> shape.set("CompletedOn", ShapeBinder.timestamp(completed)));
        shape.put("JobRunState", run.state().name());
        ObjectNode arguments = shape.putObject("Arguments");
        run.arguments().forEach(arguments::put);
        run.errorMessage().ifPresent(message -> shape.put("ErrorMessage", message));
        shape.put("ExecutionTime", run.executionSeconds(now));
        shape.put("Timeout", run.timeoutMinutes());
        JobDocuments.putCapacity(shape, run.capacity());
        shape.put("LogGroupName", LOG_GROUP_NAME);
        shape.put("GlueVersion", run.glueVersion());
        shape.put("DPUSeconds", run.dpuSeconds(now));
        run.executionClass().ifPresent(value -> shape.put("ExecutionClass", value));
        return shape;
    }

    static ObjectNode bookmarkEntry(JobBookmarkEntry entry) {
        ObjectNode shape = NODES.objectNode();
        shape.put("JobName", entry.jobName());
        shape.put("Version", entry.version());
        shape.put("Run", entry.run());
        shape.put("Attempt", entry.attempt());
        entry.previousRunId().ifPresent(id -> shape.put("PreviousRunId", id));
        entry.runId().ifPresent(id -> shape.put("RunId", id));
        entry.jobBookmark().ifPresent(state -> shape.put("JobBookmark", state));
        return shape;
    }
}
