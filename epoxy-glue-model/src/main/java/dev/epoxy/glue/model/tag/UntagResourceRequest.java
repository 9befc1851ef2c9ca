package dev.epoxy.glue.model.tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Input of UntagResource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UntagResourceRequest(
        @JsonProperty("ResourceArn") String resourceArn,
        @JsonProperty("TagsToRemove") List<String> tagsToRemove) {}
