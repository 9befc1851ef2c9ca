package dev.epoxy.glue.model.tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of GetTags. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetTagsRequest(
        @JsonProperty("ResourceArn") String resourceArn) {}
