package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of RunStatement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatementResponse(
        @JsonProperty("Id") Integer id) {}
