package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of RunStatement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatementRequest(
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("Code") String code,
        @JsonProperty("RequestOrigin") String requestOrigin) {}
