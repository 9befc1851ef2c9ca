package dev.epoxy.glue.types;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Glue {@code struct}, also the schema of a DynamicFrame. Field names are unique (case-sensitive).
 * {@link #toString()} is the schema JSON of the Python wire format, {@link #treeString()} the text
 * of {@code printSchema()}.
 */
public record StructType(List<Field> fields) implements GlueType {
    public StructType {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        Set<String> names = new HashSet<>();
        for (Field field : fields) {
            if (!names.add(field.name())) {
                throw invalidInput("Duplicate field name in struct: %s", field.name());
            }
        }
    }

    public static StructType empty() {
        return new StructType(List.of());
    }

    public static StructType of(Field... fields) {
        return new StructType(List.of(fields));
    }

    /** The field with this exact name, if any. */
    public Optional<Field> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    public boolean hasField(String name) {
        return field(name).isPresent();
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    @Override
    public String typeName() {
        return "struct";
    }

    @Override
    public boolean needsGlueMetadata() {
        return fields.stream().anyMatch(field -> field.type().needsGlueMetadata());
    }

    /** The {@code printSchema()} text, starting with {@code root}. */
    public String treeString() {
        return SchemaPrinter.treeString(this);
    }

    /** The schema JSON of the Python wire format ({@code awsglue.gluetypes}). */
    public String json() {
        return SchemaJson.toJson(this);
    }

    // Called from Python via py4j: awsglue parses schema().toString() as the schema JSON.
    @Override
    public String toString() {
        return json();
    }
}
