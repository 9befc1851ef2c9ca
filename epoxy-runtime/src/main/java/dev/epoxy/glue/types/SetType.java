package dev.epoxy.glue.types;

import static java.util.Objects.requireNonNull;

/** Glue {@code set}; Spark sees an array. */
public record SetType(GlueType elementType) implements GlueType {
    public SetType {
        requireNonNull(elementType, "elementType is null");
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public boolean needsGlueMetadata() {
        return true;
    }
}
