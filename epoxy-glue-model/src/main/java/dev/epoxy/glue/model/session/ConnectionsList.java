package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Glue's {@code ConnectionsList}: the connections a session may use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionsList(
        @JsonProperty("Connections") List<String> connections) {}
