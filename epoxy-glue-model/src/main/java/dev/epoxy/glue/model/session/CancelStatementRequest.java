package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of CancelStatement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelStatementRequest(
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("Id") Integer id,
        @JsonProperty("RequestOrigin") String requestOrigin) {}
