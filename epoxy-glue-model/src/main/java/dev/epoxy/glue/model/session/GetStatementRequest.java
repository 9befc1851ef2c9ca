package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of GetStatement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetStatementRequest(
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("Id") Integer id,
        @JsonProperty("RequestOrigin") String requestOrigin) {}
