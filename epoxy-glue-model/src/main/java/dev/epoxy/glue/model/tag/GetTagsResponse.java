package dev.epoxy.glue.model.tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Output of GetTags. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetTagsResponse(
        @JsonProperty("Tags") Map<String, String> tags) {}
