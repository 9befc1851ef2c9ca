package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of DeleteSession. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteSessionRequest(
        @JsonProperty("Id") String id,
        @JsonProperty("RequestOrigin") String requestOrigin) {}
