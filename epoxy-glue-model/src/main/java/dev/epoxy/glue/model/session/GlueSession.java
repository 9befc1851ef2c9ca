package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.epoxy.glue.model.EpochSeconds;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Glue's {@code Session}, plus {@code Timeout}, which the model lacks but the kernel reads when present. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlueSession(
        @JsonProperty("Id") String id,
        @JsonProperty("CreatedOn") @JsonSerialize(using = EpochSeconds.Serializer.class) @JsonDeserialize(using = EpochSeconds.Deserializer.class) Instant createdOn,
        @JsonProperty("Status") String status,
        @JsonProperty("ErrorMessage") String errorMessage,
        @JsonProperty("Description") String description,
        @JsonProperty("Role") String role,
        @JsonProperty("Command") GlueSessionCommand command,
        @JsonProperty("DefaultArguments") Map<String, String> defaultArguments,
        @JsonProperty("Connections") ConnectionsList connections,
        @JsonProperty("Progress") Double progress,
        @JsonProperty("MaxCapacity") Double maxCapacity,
        @JsonProperty("SecurityConfiguration") String securityConfiguration,
        @JsonProperty("GlueVersion") String glueVersion,
        @JsonProperty("NumberOfWorkers") Integer numberOfWorkers,
        @JsonProperty("WorkerType") String workerType,
        @JsonProperty("CompletedOn") @JsonSerialize(using = EpochSeconds.Serializer.class) @JsonDeserialize(using = EpochSeconds.Deserializer.class) Instant completedOn,
        @JsonProperty("ExecutionTime") Double executionTime,
        @JsonProperty("DPUSeconds") Double dpuSeconds,
        @JsonProperty("IdleTimeout") Integer idleTimeout,
        @JsonProperty("Timeout") Integer timeout,
        @JsonProperty("ProfileName") String profileName,
        @JsonProperty("SessionType") String sessionType) {}
