package dev.epoxy.glue.model.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Glue's {@code StatementOutputData}. {@code MimeType}, {@code Result}, {@code StdOut} and {@code StdErr}
 * are in the Glue model the official Jupyter kernel bundles (not in botocore's): the kernel shows
 * {@code Result} as display data of {@code MimeType} and prints {@code StdOut}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementOutputData(
        @JsonProperty("TextPlain") String textPlain,
        @JsonProperty("MimeType") String mimeType,
        @JsonProperty("Result") String result,
        @JsonProperty("StdOut") String stdOut,
        @JsonProperty("StdErr") String stdErr) {
    /** Text only, as botocore's model has it. */
    public StatementOutputData(String textPlain) {
        this(textPlain, null, null, null, null);
    }
}
