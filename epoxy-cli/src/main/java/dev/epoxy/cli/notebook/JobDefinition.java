package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Glue job as CreateJob takes it, made from a notebook: what the session magics set, plus where the script is.
 * Capacity is either {@code maxCapacity} or {@code workerType} with {@code numberOfWorkers}.
 * {@code defaultArguments} and {@code tags} keep the notebook's order.
 */
public record JobDefinition(
        String name,
        String description,
        String role,
        JobType type,
        String scriptLocation,
        String glueVersion,
        Optional<String> workerType,
        Optional<Integer> numberOfWorkers,
        Optional<Double> maxCapacity,
        Optional<Integer> timeoutMinutes,
        Optional<String> securityConfiguration,
        List<String> connections,
        Map<String, String> defaultArguments,
        Map<String, String> tags) {
    /** The only Python of Glue Spark jobs. */
    public static final String PYTHON_VERSION = "3";

    public JobDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(role, "role is null");
        requireNonNull(type, "type is null");
        requireNonNull(scriptLocation, "scriptLocation is null");
        requireNonNull(glueVersion, "glueVersion is null");
        requireNonNull(workerType, "workerType is null");
        requireNonNull(numberOfWorkers, "numberOfWorkers is null");
        requireNonNull(maxCapacity, "maxCapacity is null");
        requireNonNull(timeoutMinutes, "timeoutMinutes is null");
        requireNonNull(securityConfiguration, "securityConfiguration is null");
        connections = List.copyOf(requireNonNull(connections, "connections is null"));
        defaultArguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(defaultArguments, "defaultArguments is null")));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(tags, "tags is null")));
    }

    public JobDefinition withRole(String newRole) {
        return new JobDefinition(name, description, newRole, type, scriptLocation, glueVersion, workerType, numberOfWorkers, maxCapacity,
                timeoutMinutes, securityConfiguration, connections, defaultArguments, tags);
    }
}
