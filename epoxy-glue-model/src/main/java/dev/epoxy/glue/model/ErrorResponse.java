package dev.epoxy.glue.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a Glue error: {@code {"__type":"EntityNotFoundException","Message":"..."}}. botocore reads
 * the code only from {@code __type}; the AWS SDK for Java reads the {@code x-amzn-ErrorType} header first.
 */
public record ErrorResponse(@JsonProperty("__type") String type, @JsonProperty("Message") String message) {
    public ErrorResponse {
        requireNonNull(type, "type is null");
        requireNonNull(message, "message is null");
    }
}
