package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

/** Glue's {@code SchemaChangePolicy}; Glue's default is UPDATE_IN_DATABASE and DEPRECATE_IN_DATABASE. */
public record SchemaChangePolicy(UpdateBehavior updateBehavior, DeleteBehavior deleteBehavior) {
    public SchemaChangePolicy {
        requireNonNull(updateBehavior, "updateBehavior is null");
        requireNonNull(deleteBehavior, "deleteBehavior is null");
    }

    public static SchemaChangePolicy defaults() {
        return new SchemaChangePolicy(UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.DEPRECATE_IN_DATABASE);
    }
}
