package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of GetDashboardUrl. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetDashboardUrlRequest(
        @JsonProperty("ResourceId") String resourceId,
        @JsonProperty("ResourceType") String resourceType,
        @JsonProperty("RequestOrigin") String requestOrigin) {}
