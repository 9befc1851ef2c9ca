package dev.epoxy.server.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.core.job.JobRunExit;
import dev.epoxy.driver.protocol.ProcessExit;
import java.nio.file.Path;
import java.util.Optional;

/** How a job run's process ended, as the job service hears it: pure, pinned by {@code TestJobRunExits}. */
final class JobRunExits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobRunExits() {}

    /**
     * @param exitCode the process's exit code
     * @param stopRequested whether the run was asked to stop while its process ran
     * @param errorJson the wrapper's {@code error.json}, if it wrote one
     * @param commitJson the state {@code job.commit()} saved, if the script committed
     * @param log the run's {@code driver.log}, named in every ErrorMessage
     */
    static JobRunExit of(int exitCode, boolean stopRequested, Optional<String> errorJson, Optional<String> commitJson, Path log) {
        // A stopped run dies of its signal; exit code 0 means the script had finished by itself.
        if (exitCode == 0) {
            return new JobRunExit(JobRunExit.Outcome.SUCCEEDED, Optional.empty(), commitJson.map(String::strip).filter(json -> !json.isEmpty()));
        }
        if (stopRequested) {
            return JobRunExit.stopped();
        }
        Optional<String> scriptError = errorJson.flatMap(JobRunExits::describeError);
        return JobRunExit.failed(scriptError
                .map(error -> error + " (log: " + log + ")")
                .orElseGet(() -> "The job run's process " + ProcessExit.describe(exitCode) + "; see the end of its log " + log));
    }

    /** {@code "<type>: <message>"}, or just the type when the message is empty; empty for unreadable JSON. */
    static Optional<String> describeError(String json) {
        try {
            JsonNode error = JSON.readTree(json);
            if (error == null || !error.isObject() || !error.path("type").isTextual()) {
                return Optional.empty();
            }
            String type = error.get("type").asText();
            String message = error.path("message").asText("");
            return Optional.of(message.isEmpty() ? type : type + ": " + message);
        }
        catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
