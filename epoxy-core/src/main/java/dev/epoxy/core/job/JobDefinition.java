package dev.epoxy.core.job;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed view of a job, with Glue's defaults applied: what the service needs to start its runs. The
 * stored job is a document (see {@link Job}); the server reads it into this through a
 * {@link JobDefinitionParser}, which uses {@link #builder} so that defaults and rules live here.
 *
 * @param scriptLocation {@code Command.ScriptLocation}; a run of a job without one fails
 * @param timeoutMinutes {@code Timeout}: 480 for Spark jobs of Glue 5.0 and later, 2880 otherwise
 * @param maxConcurrentRuns {@code ExecutionProperty.MaxConcurrentRuns}, 1 by default
 */
public record JobDefinition(
        String name,
        JobCommandName command,
        Optional<String> scriptLocation,
        String pythonVersion,
        Map<String, String> defaultArguments,
        Map<String, String> nonOverridableArguments,
        int maxRetries,
        int timeoutMinutes,
        int maxConcurrentRuns,
        JobCapacity capacity,
        String glueVersion,
        List<String> connections,
        Optional<String> executionClass) {
    public static final String DEFAULT_GLUE_VERSION = "5.0";
    public static final String DEFAULT_PYTHON_VERSION = "3";
    /** Jobs must have timeouts below 7 days (reference B10). */
    public static final int MAX_TIMEOUT_MINUTES = 10080;
    static final int DEFAULT_TIMEOUT_MINUTES = 2880;
    static final int GLUE_5_DEFAULT_TIMEOUT_MINUTES = 480;

    public JobDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(command, "command is null");
        requireNonNull(scriptLocation, "scriptLocation is null");
        requireNonNull(pythonVersion, "pythonVersion is null");
        defaultArguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(defaultArguments, "defaultArguments is null")));
        nonOverridableArguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(nonOverridableArguments, "nonOverridableArguments is null")));
        requireNonNull(capacity, "capacity is null");
        requireNonNull(glueVersion, "glueVersion is null");
        connections = List.copyOf(requireNonNull(connections, "connections is null"));
        requireNonNull(executionClass, "executionClass is null");
    }

    /** The default Timeout of a job (or run) of this command and Glue version, per the model's documentation. */
    public static int defaultTimeoutMinutes(JobCommandName command, String glueVersion) {
        return command.isSpark() && GlueVersions.atLeast(glueVersion, "5.0") ? GLUE_5_DEFAULT_TIMEOUT_MINUTES : DEFAULT_TIMEOUT_MINUTES;
    }

    /** @throws EpoxyException {@code INVALID_INPUT} unless 1 ≤ timeout ≤ {@link #MAX_TIMEOUT_MINUTES} */
    public static int checkTimeout(int minutes) {
        checkInput(minutes >= 1 && minutes <= MAX_TIMEOUT_MINUTES, "Invalid Timeout: %s (1 to %s minutes)", minutes, MAX_TIMEOUT_MINUTES);
        return minutes;
    }

    /**
     * Starts a definition from the members of a job document; {@link Builder#build()} applies the defaults
     * and checks the rules.
     *
     * @param commandName {@code Command.Name}
     */
    public static Builder builder(String name, String commandName) {
        return new Builder(name, commandName);
    }

    /** The members of a job document as given, all optional but the name and command. */
    public static final class Builder {
        private final String name;
        private final String commandName;
        private Optional<String> scriptLocation = Optional.empty();
        private Optional<String> pythonVersion = Optional.empty();
        private Map<String, String> defaultArguments = Map.of();
        private Map<String, String> nonOverridableArguments = Map.of();
        private Optional<Integer> maxRetries = Optional.empty();
        private Optional<Integer> timeout = Optional.empty();
        private Optional<Integer> maxConcurrentRuns = Optional.empty();
        private Optional<String> workerType = Optional.empty();
        private Optional<Integer> numberOfWorkers = Optional.empty();
        private Optional<Double> maxCapacity = Optional.empty();
        private Optional<String> glueVersion = Optional.empty();
        private List<String> connections = List.of();
        private Optional<String> executionClass = Optional.empty();

        private Builder(String name, String commandName) {
            this.name = requireNonNull(name, "name is null");
            this.commandName = requireNonNull(commandName, "commandName is null");
        }

        public Builder withScriptLocation(Optional<String> value) { scriptLocation = requireNonNull(value); return this; }
        public Builder withPythonVersion(Optional<String> value) { pythonVersion = requireNonNull(value); return this; }
        public Builder withDefaultArguments(Map<String, String> value) { defaultArguments = requireNonNull(value); return this; }
        public Builder withNonOverridableArguments(Map<String, String> value) { nonOverridableArguments = requireNonNull(value); return this; }
        public Builder withMaxRetries(Optional<Integer> value) { maxRetries = requireNonNull(value); return this; }
        public Builder withTimeout(Optional<Integer> value) { timeout = requireNonNull(value); return this; }
        public Builder withMaxConcurrentRuns(Optional<Integer> value) { maxConcurrentRuns = requireNonNull(value); return this; }
        public Builder withWorkerType(Optional<String> value) { workerType = requireNonNull(value); return this; }
        public Builder withNumberOfWorkers(Optional<Integer> value) { numberOfWorkers = requireNonNull(value); return this; }
        public Builder withMaxCapacity(Optional<Double> value) { maxCapacity = requireNonNull(value); return this; }
        public Builder withGlueVersion(Optional<String> value) { glueVersion = requireNonNull(value); return this; }
        public Builder withConnections(List<String> value) { connections = requireNonNull(value); return this; }
        public Builder withExecutionClass(Optional<String> value) { executionClass = requireNonNull(value); return this; }

        /** @throws EpoxyException {@code INVALID_INPUT} naming the member that breaks one of Glue's rules */
        public JobDefinition build() {
            JobCommandName command = JobCommandName.fromWireName(commandName).orElseThrow(() ->
                    new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid Command.Name: %s (glueetl, gluestreaming, pythonshell or glueray)", commandName));
            String version = GlueVersions.check(glueVersion.orElse(DEFAULT_GLUE_VERSION));
            JobCapacity capacity = JobCapacity.resolve(command, version, workerType, numberOfWorkers, maxCapacity);
            int retries = maxRetries.orElse(0);
            checkInput(retries >= 0, "Invalid MaxRetries: %s (0 or more)", retries);
            int runs = maxConcurrentRuns.orElse(1);
            checkInput(runs >= 1, "Invalid ExecutionProperty.MaxConcurrentRuns: %s (1 or more)", runs);
            int minutes = checkTimeout(timeout.orElseGet(() -> defaultTimeoutMinutes(command, version)));
            executionClass.ifPresent(value -> {
                checkInput(value.equals("STANDARD") || value.equals("FLEX"), "Invalid ExecutionClass: %s (STANDARD or FLEX)", value);
                checkInput(value.equals("STANDARD") || (command == JobCommandName.GLUEETL && GlueVersions.atLeast(version, "3.0")),
                        "Invalid ExecutionClass: FLEX is only for glueetl jobs of Glue 3.0 and later");
            });
            return new JobDefinition(name, command, scriptLocation, pythonVersion.orElse(DEFAULT_PYTHON_VERSION), defaultArguments, nonOverridableArguments,
                    retries, minutes, runs, capacity, version, connections, executionClass);
        }
    }
}
