package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Glue's {@code SessionCommand}: {@code glueetl} or {@code gluestreaming}, and the Python version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlueSessionCommand(
        @JsonProperty("Name") String name,
        @JsonProperty("PythonVersion") String pythonVersion) {}
