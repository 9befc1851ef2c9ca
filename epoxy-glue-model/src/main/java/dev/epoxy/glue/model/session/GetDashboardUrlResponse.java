package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of GetDashboardUrl. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetDashboardUrlResponse(
        @JsonProperty("Url") String url) {}
