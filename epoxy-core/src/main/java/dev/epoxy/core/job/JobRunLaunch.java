package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.session.Capacity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the launcher needs to start one attempt of a job run; resolved by the job service.
 *
 * @param commandName {@code glueetl} (PySpark with the awsglue runtime) or {@code pythonshell}
 *     (plain Python 3, no Spark)
 * @param scriptLocation {@code Command.ScriptLocation}: an {@code s3://} URI in Epoxy's storage, or
 *     a local path
 * @param arguments the merged arguments, keys with their leading {@code --}, in the order they are
 *     passed to the script; they include {@code --JOB_NAME}, {@code --JOB_RUN_ID},
 *     {@code --job-bookmark-option} and {@code --TempDir}, and the special ones the launcher
 *     interprets ({@code --extra-py-files}, {@code --extra-jars}, {@code --additional-python-modules},
 *     {@code --conf}, {@code --enable-glue-datacatalog}, ...)
 * @param bookmarkState the job's committed bookmark state to start from (JSON object; empty for
 *     none, for {@code job-bookmark-disable}, or after a reset); for {@code job-bookmark-pause} with
 *     {@code --job-bookmark-from}, the state as of that run
 * @param bookmarkToState for {@code job-bookmark-pause} with {@code --job-bookmark-to}: the state as
 *     of that run, the upper bound of what the run processes
 */
public record JobRunLaunch(
        String jobName,
        String runId,
        int attempt,
        String commandName,
        String scriptLocation,
        Optional<String> pythonVersion,
        Map<String, String> arguments,
        Capacity capacity,
        BookmarkOption bookmarkOption,
        Optional<String> bookmarkState,
        Optional<String> bookmarkToState,
        List<String> connections) {

    public JobRunLaunch {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(commandName, "commandName is null");
        requireNonNull(scriptLocation, "scriptLocation is null");
        requireNonNull(pythonVersion, "pythonVersion is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
        requireNonNull(capacity, "capacity is null");
        requireNonNull(bookmarkOption, "bookmarkOption is null");
        requireNonNull(bookmarkState, "bookmarkState is null");
        requireNonNull(bookmarkToState, "bookmarkToState is null");
        connections = List.copyOf(requireNonNull(connections, "connections is null"));
    }
}
