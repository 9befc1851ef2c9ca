package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Glue's {@code Statement}; {@code StartedOn} and {@code CompletedOn} are epoch milliseconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlueStatement(
        @JsonProperty("Id") Integer id,
        @JsonProperty("Code") String code,
        @JsonProperty("State") String state,
        @JsonProperty("Output") GlueStatementOutput output,
        @JsonProperty("Progress") Double progress,
        @JsonProperty("StartedOn") Long startedOn,
        @JsonProperty("CompletedOn") Long completedOn) {}
