package dev.epoxy.glue.types;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/** A named field of a {@link StructType}. Names are raw: they may contain dots and spaces. */
public record Field(String name, GlueType type) implements Serializable {
    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public Field withType(GlueType newType) {
        return new Field(name, newType);
    }
}
