package dev.epoxy.glue.types;

import java.util.Optional;

/** Glue's atomic types without parameters. */
public enum AtomicType implements GlueType {
    BINARY("binary"),
    BOOLEAN("boolean"),
    BYTE("byte"),
    DATE("date"),
    DOUBLE("double"),
    FLOAT("float"),
    INT("int"),
    LONG("long"),
    NULL("null"),
    SHORT("short"),
    STRING("string"),
    TIMESTAMP("timestamp"),
    TIMESTAMP_NTZ("timestampntz"),
    UNKNOWN("unknown");

    private final String typeName;

    AtomicType(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public boolean needsGlueMetadata() {
        return this == UNKNOWN;
    }

    /** The atomic type with this Glue type name, if any. */
    public static Optional<AtomicType> fromTypeName(String name) {
        for (AtomicType type : values()) {
            if (type.typeName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
