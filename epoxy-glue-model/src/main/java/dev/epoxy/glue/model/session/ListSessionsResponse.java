package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Output of ListSessions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListSessionsResponse(
        @JsonProperty("Ids") List<String> ids,
        @JsonProperty("Sessions") List<GlueSession> sessions,
        @JsonProperty("NextToken") String nextToken) {}
