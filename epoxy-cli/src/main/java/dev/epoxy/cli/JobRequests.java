package dev.epoxy.cli;

import dev.epoxy.cli.notebook.JobDefinition;
import software.amazon.awssdk.services.glue.model.ConnectionsList;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobUpdate;
import software.amazon.awssdk.services.glue.model.UpdateJobRequest;

/** A {@link JobDefinition} as the Glue API's CreateJob and UpdateJob requests; the same members as {@code NAME.job.json}. */
final class JobRequests {
    private JobRequests() {}

    static CreateJobRequest createJob(JobDefinition job) {
        CreateJobRequest.Builder request = CreateJobRequest.builder()
                .name(job.name())
                .description(job.description())
                .role(job.role())
                .command(command(job))
                .defaultArguments(job.defaultArguments())
                .glueVersion(job.glueVersion());
        if (!job.connections().isEmpty()) {
            request.connections(ConnectionsList.builder().connections(job.connections()).build());
        }
        job.maxCapacity().ifPresent(request::maxCapacity);
        job.workerType().ifPresent(request::workerType);
        job.numberOfWorkers().ifPresent(request::numberOfWorkers);
        job.timeoutMinutes().ifPresent(request::timeout);
        job.securityConfiguration().ifPresent(request::securityConfiguration);
        if (!job.tags().isEmpty()) {
            request.tags(job.tags());
        }
        return request.build();
    }

    /** UpdateJob replaces the whole definition; tags are not part of it (as in AWS, they stay as they are). */
    static UpdateJobRequest updateJob(JobDefinition job) {
        JobUpdate.Builder update = JobUpdate.builder()
                .description(job.description())
                .role(job.role())
                .command(command(job))
                .defaultArguments(job.defaultArguments())
                .glueVersion(job.glueVersion());
        if (!job.connections().isEmpty()) {
            update.connections(ConnectionsList.builder().connections(job.connections()).build());
        }
        job.maxCapacity().ifPresent(update::maxCapacity);
        job.workerType().ifPresent(update::workerType);
        job.numberOfWorkers().ifPresent(update::numberOfWorkers);
        job.timeoutMinutes().ifPresent(update::timeout);
        job.securityConfiguration().ifPresent(update::securityConfiguration);
        return UpdateJobRequest.builder().jobName(job.name()).jobUpdate(update.build()).build();
    }

    private static JobCommand command(JobDefinition job) {
        return JobCommand.builder()
                .name(job.type().commandName())
                .scriptLocation(job.scriptLocation())
                .pythonVersion(JobDefinition.PYTHON_VERSION)
                .build();
    }
}
