package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of CreateSession. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateSessionResponse(
        @JsonProperty("Session") GlueSession session) {}
