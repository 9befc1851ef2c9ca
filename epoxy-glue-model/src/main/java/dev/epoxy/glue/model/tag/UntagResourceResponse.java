package dev.epoxy.glue.model.tag;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Output of UntagResource: always {@code {}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UntagResourceResponse() {}
