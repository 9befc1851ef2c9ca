package dev.epoxy.glue.model.tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Input of TagResource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagResourceRequest(
        @JsonProperty("ResourceArn") String resourceArn,
        @JsonProperty("TagsToAdd") Map<String, String> tagsToAdd) {}
