package dev.epoxy.glue.types;

import static java.util.Objects.requireNonNull;

/** Glue {@code map}: keys are always strings, only the value type is recorded. */
public record MapType(GlueType valueType) implements GlueType {
    public MapType {
        requireNonNull(valueType, "valueType is null");
    }

    @Override
    public String typeName() {
        return "map";
    }

    @Override
    public boolean needsGlueMetadata() {
        return valueType.needsGlueMetadata();
    }
}
