package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Input of ListSessions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListSessionsRequest(
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("RequestOrigin") String requestOrigin) {}
