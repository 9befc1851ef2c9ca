package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Output of CancelStatement: always {@code {}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelStatementResponse() {}
