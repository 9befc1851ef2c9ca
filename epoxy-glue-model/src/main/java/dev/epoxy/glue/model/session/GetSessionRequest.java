package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of GetSession. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetSessionRequest(
        @JsonProperty("Id") String id,
        @JsonProperty("RequestOrigin") String requestOrigin) {}
