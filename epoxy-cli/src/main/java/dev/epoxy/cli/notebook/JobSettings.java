package dev.epoxy.cli.notebook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the notebook's magics have set so far, in cell order: a later magic overrides an earlier one, as in the
 * kernel. Mirrors the kernel's own bookkeeping, so that the job gets what {@code CreateSession} got.
 */
final class JobSettings {
    /** The kernel's default Glue version (aws-glue-sessions 1.0.9, {@code config.py}). */
    static final String KERNEL_GLUE_VERSION = "4.0";
    /** A session's capacity when the notebook sets none: 5 workers of G.1X (the service's and Epoxy's default). */
    static final String DEFAULT_WORKER_TYPE = "G.1X";
    static final int DEFAULT_NUMBER_OF_WORKERS = 5;
    /** The role sessions get from {@code ./epoxy jupyter} when a notebook sets no {@code %iam_role}. */
    static final String DEFAULT_ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveSessionRole";

    private Optional<String> role = Optional.empty();
    private Optional<String> glueVersion = Optional.empty();
    private Optional<String> workerType = Optional.empty();
    private Optional<Integer> numberOfWorkers = Optional.empty();
    private Optional<Double> maxCapacity = Optional.empty();
    private Optional<Integer> timeoutMinutes = Optional.empty();
    private Optional<String> securityConfiguration = Optional.empty();
    private JobType type = JobType.ETL;
    private List<String> connections = List.of();
    // The kernel sends --enable-glue-datacatalog true with every session; %%configure may override it.
    private final Map<String, String> defaultArguments = new LinkedHashMap<>(Map.of("--enable-glue-datacatalog", "true"));
    // Set by their own magics (or %%configure's extra_jars); the kernel applies them over %%configure's arguments.
    private final Map<String, String> magicArguments = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    void role(Optional<String> value) {
        role = value;
    }

    void glueVersion(Optional<String> value) {
        glueVersion = value;
    }

    void workerType(Optional<String> value) {
        workerType = value;
    }

    void numberOfWorkers(Optional<Integer> value) {
        numberOfWorkers = value;
    }

    void maxCapacity(Optional<Double> value) {
        maxCapacity = value;
    }

    void timeoutMinutes(Optional<Integer> value) {
        timeoutMinutes = value;
    }

    void securityConfiguration(Optional<String> value) {
        securityConfiguration = value;
    }

    void type(JobType value) {
        type = value;
    }

    void connections(List<String> value) {
        connections = List.copyOf(value);
    }

    /** An argument from {@code %%configure}: {@code --} is added when the key lacks it, as the kernel does. */
    void configuredArgument(String key, String value) {
        defaultArguments.put(key.startsWith("--") ? key : "--" + key, value);
    }

    /** An argument of {@code %extra_py_files}, {@code %extra_jars}, {@code %additional_python_modules} or {@code %spark_conf}. */
    void magicArgument(String key, String value) {
        magicArguments.put(key, value);
    }

    void addTag(String key, String value) {
        tags.put(key, value);
    }

    /**
     * The job these settings describe.
     *
     * @throws NotebookConversionException when MaxCapacity is combined with workers, which the kernel refuses too
     */
    JobDefinition toDefinition(ConversionTarget target) {
        if (maxCapacity.isPresent() && (workerType.isPresent() || numberOfWorkers.isPresent())) {
            throw new NotebookConversionException("The notebook sets max_capacity and also worker_type or number_of_workers; "
                    + "set either max_capacity or worker_type and number_of_workers, as the kernel requires");
        }
        Map<String, String> arguments = new LinkedHashMap<>(defaultArguments);
        arguments.putAll(magicArguments);
        Optional<String> workers = maxCapacity.isPresent() ? Optional.empty() : Optional.of(workerType.orElse(DEFAULT_WORKER_TYPE));
        Optional<Integer> count = maxCapacity.isPresent() ? Optional.empty() : Optional.of(numberOfWorkers.orElse(DEFAULT_NUMBER_OF_WORKERS));
        return new JobDefinition(
                target.jobName(),
                "Converted from the notebook " + target.notebookName() + " by ./epoxy notebook-to-job",
                role.orElse(DEFAULT_ROLE),
                type,
                target.scriptLocation(),
                glueVersion.orElse(KERNEL_GLUE_VERSION),
                workers,
                count,
                maxCapacity,
                timeoutMinutes,
                securityConfiguration,
                connections,
                arguments,
                tags);
    }
}
