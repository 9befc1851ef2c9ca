package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Glue's {@code StatementOutput}; {@code Status} is lowercase {@code ok} or {@code error} on the wire, as clients expect. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlueStatementOutput(
        @JsonProperty("Data") StatementOutputData data,
        @JsonProperty("ExecutionCount") Integer executionCount,
        @JsonProperty("Status") String status,
        @JsonProperty("ErrorName") String errorName,
        @JsonProperty("ErrorValue") String errorValue,
        @JsonProperty("Traceback") List<String> traceback) {}
