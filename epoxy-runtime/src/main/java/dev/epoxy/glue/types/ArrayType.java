package dev.epoxy.glue.types;

import static java.util.Objects.requireNonNull;

/** Glue {@code array} of elements of one (possibly choice) type. */
public record ArrayType(GlueType elementType) implements GlueType {
    public ArrayType {
        requireNonNull(elementType, "elementType is null");
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public boolean needsGlueMetadata() {
        return elementType.needsGlueMetadata();
    }
}
