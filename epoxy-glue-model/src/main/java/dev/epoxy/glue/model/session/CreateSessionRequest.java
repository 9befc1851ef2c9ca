package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Input of CreateSession. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateSessionRequest(
        @JsonProperty("Id") String id,
        @JsonProperty("Description") String description,
        @JsonProperty("Role") String role,
        @JsonProperty("Command") GlueSessionCommand command,
        @JsonProperty("Timeout") Integer timeout,
        @JsonProperty("IdleTimeout") Integer idleTimeout,
        @JsonProperty("DefaultArguments") Map<String, String> defaultArguments,
        @JsonProperty("Connections") ConnectionsList connections,
        @JsonProperty("MaxCapacity") Double maxCapacity,
        @JsonProperty("NumberOfWorkers") Integer numberOfWorkers,
        @JsonProperty("WorkerType") String workerType,
        @JsonProperty("SecurityConfiguration") String securityConfiguration,
        @JsonProperty("GlueVersion") String glueVersion,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("RequestOrigin") String requestOrigin,
        @JsonProperty("SessionType") String sessionType) {}
