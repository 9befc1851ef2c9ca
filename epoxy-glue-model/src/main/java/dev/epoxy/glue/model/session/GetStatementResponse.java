package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of GetStatement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetStatementResponse(
        @JsonProperty("Statement") GlueStatement statement) {}
