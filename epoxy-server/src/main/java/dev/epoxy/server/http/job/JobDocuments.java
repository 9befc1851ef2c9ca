package dev.epoxy.server.http.job;

import static dev.epoxy.core.ErrorCode.INTERNAL;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.job.Job;
import dev.epoxy.core.job.JobCapacity;
import dev.epoxy.core.job.JobDefinition;
import dev.epoxy.core.job.JobDefinitionParser;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.glue.model.ShapeBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs as documents: CreateJobRequest (or UpdateJob's JobUpdate) projected onto the model's {@code Job}
 * is what the store keeps, exactly as given (Tags go to the tag store: {@code Job} has no such member).
 * Glue's defaults are not stored but applied when a job is read, from its {@link JobDefinition}, so a
 * stored job never disagrees with the rules that produced its defaults, and an UpdateJob that changes
 * GlueVersion changes the default Timeout too.
 */
public final class JobDocuments implements JobDefinitionParser {
    private final ObjectMapper json = GlueJson.newObjectMapper();
    private final ShapeBinder binder;

    public JobDocuments(ServiceModel model) {
        this.binder = new ShapeBinder(model);
    }

    /** {@code input} (of shape {@code inputShape}) as a {@code Job} document holding the members both define. */
    ObjectNode bind(String inputShape, JsonNode input) {
        ObjectNode job = binder.project("Job", binder.project(inputShape, input));
        // Set by the server when the job is read.
        job.remove(List.of("Name", "CreatedOn", "LastModifiedOn"));
        return job;
    }

    ObjectNode project(String shape, JsonNode value) {
        return binder.project(shape, value);
    }

    @Override
    public JobDefinition parse(String name, String document) {
        return definitionOf(name, read(document));
    }

    /** @throws EpoxyException {@code INVALID_INPUT} naming the member that breaks one of Glue's rules */
    JobDefinition definitionOf(String name, JsonNode job) {
        JsonNode command = job.path("Command");
        String commandName = text(command, "Name").filter(value -> !value.isEmpty())
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "Invalid job %s: Command.Name is required (glueetl, pythonshell, ...)", dev.epoxy.core.job.JobNames.quoted(name)));
        return JobDefinition.builder(name, commandName)
                .withScriptLocation(text(command, "ScriptLocation"))
                .withPythonVersion(text(command, "PythonVersion"))
                .withDefaultArguments(stringMap(job.get("DefaultArguments")))
                .withNonOverridableArguments(stringMap(job.get("NonOverridableArguments")))
                .withMaxRetries(integer(job, "MaxRetries"))
                .withTimeout(integer(job, "Timeout"))
                .withMaxConcurrentRuns(integer(job.path("ExecutionProperty"), "MaxConcurrentRuns"))
                .withWorkerType(text(job, "WorkerType"))
                .withNumberOfWorkers(integer(job, "NumberOfWorkers"))
                .withMaxCapacity(maxCapacity(job))
                .withGlueVersion(text(job, "GlueVersion"))
                .withConnections(strings(job.path("Connections").get("Connections")))
                .withExecutionClass(text(job, "ExecutionClass"))
                .build();
    }

    /** The {@code Job} shape of a stored job: its document with the name, times and Glue's defaults. */
    ObjectNode render(Job job, JobDefinition definition) {
        ObjectNode document = read(job.document());
        ObjectNode rendered = json.createObjectNode();
        rendered.put("Name", job.name());
        rendered.setAll(document);
        rendered.set("CreatedOn", ShapeBinder.timestamp(job.createdOn()));
        rendered.set("LastModifiedOn", ShapeBinder.timestamp(job.lastModifiedOn()));
        ObjectNode command = objectMember(rendered, "Command");
        if (!command.has("PythonVersion")) {
            command.put("PythonVersion", definition.pythonVersion());
        }
        objectMember(rendered, "ExecutionProperty").put("MaxConcurrentRuns", definition.maxConcurrentRuns());
        rendered.put("MaxRetries", definition.maxRetries());
        rendered.put("Timeout", definition.timeoutMinutes());
        rendered.put("GlueVersion", definition.glueVersion());
        putCapacity(rendered, definition.capacity());
        return rendered;
    }

    /** WorkerType, NumberOfWorkers (when workers), MaxCapacity (always, the DPU total) and the deprecated AllocatedCapacity. */
    static void putCapacity(ObjectNode shape, JobCapacity capacity) {
        shape.remove(List.of("WorkerType", "NumberOfWorkers", "MaxCapacity", "AllocatedCapacity"));
        capacity.workerType().ifPresent(type -> shape.put("WorkerType", type.wireName()));
        capacity.numberOfWorkers().ifPresent(workers -> shape.put("NumberOfWorkers", workers));
        shape.put("AllocatedCapacity", (int) capacity.maxCapacity());
        shape.put("MaxCapacity", capacity.maxCapacity());
    }

    String write(JsonNode document) {
        try {
            return json.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot write a job document");
        }
    }

    ObjectNode read(String document) {
        try {
            return (ObjectNode) json.readTree(document);
        }
        catch (JsonProcessingException | ClassCastException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot read a stored job document");
        }
    }

    ObjectNode newObject() {
        return json.createObjectNode();
    }

    private static ObjectNode objectMember(ObjectNode parent, String member) {
        return parent.get(member) instanceof ObjectNode object ? object : parent.putObject(member);
    }

    /** MaxCapacity, or the deprecated AllocatedCapacity (whole DPUs) when only that is given. */
    private static Optional<Double> maxCapacity(JsonNode job) {
        JsonNode value = job.get("MaxCapacity");
        if (value != null && value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        return integer(job, "AllocatedCapacity").map(Integer::doubleValue);
    }

    static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    static Optional<Integer> integer(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        return value != null && value.isIntegralNumber() && value.canConvertToInt() ? Optional.of(value.asInt()) : Optional.empty();
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        }
        return map;
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
