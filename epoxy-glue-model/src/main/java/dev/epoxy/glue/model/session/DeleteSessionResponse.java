package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of DeleteSession. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteSessionResponse(
        @JsonProperty("Id") String id) {}
