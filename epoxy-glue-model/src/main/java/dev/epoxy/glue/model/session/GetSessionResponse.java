package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of GetSession. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetSessionResponse(
        @JsonProperty("Session") GlueSession session) {}
