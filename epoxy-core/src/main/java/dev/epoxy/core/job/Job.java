package dev.epoxy.core.job;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A job as stored: Glue's {@code Job} shape as a JSON document the server writes (the request projected
 * onto the model's {@code Job}, with defaults), opaque to core and the store, and the times the server sets.
 */
public record Job(String name, String document, Instant createdOn, Instant lastModifiedOn) {
    public Job {
        requireNonNull(name, "name is null");
        requireNonNull(document, "document is null");
        requireNonNull(createdOn, "createdOn is null");
        requireNonNull(lastModifiedOn, "lastModifiedOn is null");
    }

    public Job withDocument(String newDocument, Instant now) {
        return new Job(name, newDocument, createdOn, now);
    }
}
