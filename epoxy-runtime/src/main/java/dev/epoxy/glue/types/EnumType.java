package dev.epoxy.glue.types;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Glue {@code enum}: a string restricted to options. Spark sees a string. */
public record EnumType(List<String> options) implements GlueType {
    public EnumType {
        options = List.copyOf(requireNonNull(options, "options is null"));
    }

    @Override
    public String typeName() {
        return "enum";
    }

    @Override
    public boolean needsGlueMetadata() {
        return true;
    }
}
