package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * StartJobRun's inputs. Capacity members, when any is given, replace the job's capacity (with the
 * same rules); a Timeout replaces the job's.
 *
 * @param retryOf {@code JobRunId}: the earlier run this one retries (its PreviousRunId)
 */
public record JobRunRequest(Map<String, String> arguments, Optional<Integer> timeout, Optional<String> workerType, Optional<Integer> numberOfWorkers,
        Optional<Double> maxCapacity, Optional<String> executionClass, Optional<String> retryOf) {
    public JobRunRequest {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
        requireNonNull(timeout, "timeout is null");
        requireNonNull(workerType, "workerType is null");
        requireNonNull(numberOfWorkers, "numberOfWorkers is null");
        requireNonNull(maxCapacity, "maxCapacity is null");
        requireNonNull(executionClass, "executionClass is null");
        requireNonNull(retryOf, "retryOf is null");
    }

    public static JobRunRequest withArguments(Map<String, String> arguments) {
        return new JobRunRequest(arguments, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public JobRunRequest withTimeout(int minutes) {
        return new JobRunRequest(arguments, Optional.of(minutes), workerType, numberOfWorkers, maxCapacity, executionClass, retryOf);
    }

    boolean overridesCapacity() {
        return workerType.isPresent() || numberOfWorkers.isPresent() || maxCapacity.isPresent();
    }
}
