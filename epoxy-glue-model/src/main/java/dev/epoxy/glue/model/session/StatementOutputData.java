package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Glue's {@code StatementOutputData}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementOutputData(
        @JsonProperty("TextPlain") String textPlain) {}
