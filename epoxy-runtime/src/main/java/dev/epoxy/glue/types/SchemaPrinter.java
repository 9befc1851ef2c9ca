package dev.epoxy.glue.types;

/**
 * Glue's {@code printSchema()} text (reference §6.4): {@code root}, then {@code |-- name: type} per
 * field, each nesting level prefixed by {@code |    }; arrays and sets show one {@code element}
 * child, maps one {@code value} child, choices one unnamed line per alternative. No nullability.
 */
final class SchemaPrinter {
    private static final String INDENT = "|    ";

    private SchemaPrinter() {}

    static String treeString(StructType schema) {
        StringBuilder out = new StringBuilder("root\n");
        for (Field field : schema.fields()) {
            appendNamed(out, "", field.name(), field.type());
        }
        return out.toString();
    }

    private static void appendNamed(StringBuilder out, String prefix, String name, GlueType type) {
        out.append(prefix).append("|-- ").append(name).append(": ").append(type.typeName()).append('\n');
        appendChildren(out, prefix + INDENT, type);
    }

    private static void appendChildren(StringBuilder out, String prefix, GlueType type) {
        if (type instanceof StructType struct) {
            for (Field field : struct.fields()) {
                appendNamed(out, prefix, field.name(), field.type());
            }
        } else if (type instanceof ArrayType array) {
            appendNamed(out, prefix, "element", array.elementType());
        } else if (type instanceof SetType set) {
            appendNamed(out, prefix, "element", set.elementType());
        } else if (type instanceof MapType map) {
            appendNamed(out, prefix, "value", map.valueType());
        } else if (type instanceof ChoiceType choice) {
            for (GlueType alternative : choice.choices()) {
                out.append(prefix).append("|-- ").append(alternative.typeName()).append('\n');
                appendChildren(out, prefix + INDENT, alternative);
            }
        }
    }
}
