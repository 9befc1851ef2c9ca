package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of GetSessionEndpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetSessionEndpointRequest(
        @JsonProperty("SessionId") String sessionId) {}
