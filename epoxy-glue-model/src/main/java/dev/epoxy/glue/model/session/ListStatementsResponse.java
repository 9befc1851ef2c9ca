package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Output of ListStatements. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListStatementsResponse(
        @JsonProperty("Statements") List<GlueStatement> statements,
        @JsonProperty("NextToken") String nextToken) {}
