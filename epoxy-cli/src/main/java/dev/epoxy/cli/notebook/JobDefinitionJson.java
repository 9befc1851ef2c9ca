package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link JobDefinition} as a CreateJob request document, the JSON the AWS CLI takes with
 * {@code aws glue create-job --cli-input-json file://NAME.job.json}. Members have AWS's names; absent settings are
 * left out, so the server applies its defaults. There is no {@code JobMode} ({@code NOTEBOOK} would fit): AWS CLIs
 * older than 2024, such as Debian 12's 2.9, refuse the member.
 */
public final class JobDefinitionJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobDefinitionJson() {}

    public static String write(JobDefinition job) {
        requireNonNull(job, "job is null");
        ObjectNode request = JSON.createObjectNode();
        request.put("Name", job.name());
        request.put("Description", job.description());
        request.put("Role", job.role());
        ObjectNode command = request.putObject("Command");
        command.put("Name", job.type().commandName());
        command.put("ScriptLocation", job.scriptLocation());
        command.put("PythonVersion", JobDefinition.PYTHON_VERSION);
        ObjectNode arguments = request.putObject("DefaultArguments");
        job.defaultArguments().forEach(arguments::put);
        if (!job.connections().isEmpty()) {
            job.connections().forEach(request.putObject("Connections").putArray("Connections")::add);
        }
        job.maxCapacity().ifPresent(capacity -> request.put("MaxCapacity", capacity));
        job.workerType().ifPresent(type -> request.put("WorkerType", type));
        job.numberOfWorkers().ifPresent(count -> request.put("NumberOfWorkers", count));
        job.timeoutMinutes().ifPresent(minutes -> request.put("Timeout", minutes));
        job.securityConfiguration().ifPresent(name -> request.put("SecurityConfiguration", name));
        request.put("GlueVersion", job.glueVersion());
        if (!job.tags().isEmpty()) {
            ObjectNode tags = request.putObject("Tags");
            job.tags().forEach(tags::put);
        }
        try {
            return JSON.writeValueAsString(request) + "\n";
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the job definition of " + job.name(), e);
        }
    }
}
