package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of ListStatements. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListStatementsRequest(
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("RequestOrigin") String requestOrigin,
        @JsonProperty("NextToken") String nextToken) {}
