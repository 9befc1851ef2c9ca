package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of StopSession. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopSessionResponse(
        @JsonProperty("Id") String id) {}
