package dev.epoxy.glue.transforms;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * DropNullFields (reference §3.2): drops every field whose type is {@code null} at the top level, in
 * structs and in structs inside arrays (not through maps; {@code array<null>} is kept). It needs
 * only the schema, so a frame without null-typed fields passes through unchanged. Unlike the
 * reference it does not print {@code null_fields [...]}: statement output stays the user's.
 */
public final class DropNullFields {
    private DropNullFields() {}

    public static DynamicFrame apply(DynamicFrame frame, StageContext stage) {
        List<FieldPath> paths = new ArrayList<>();
        collect(frame.schema(), new ArrayList<>(), paths);
        return DropFields.apply(frame, paths, stage);
    }

    /** The paths of the null-typed fields. */
    public static List<FieldPath> nullFields(StructType schema) {
        List<FieldPath> paths = new ArrayList<>();
        collect(schema, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(StructType struct, List<String> prefix, List<FieldPath> paths) {
        for (Field field : struct.fields()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(field.name());
            if (field.type() == AtomicType.NULL) {
                paths.add(FieldPath.of(path));
            } else if (field.type() instanceof StructType inner) {
                collect(inner, path, paths);
            } else if (field.type() instanceof ArrayType array && array.elementType() instanceof StructType inner) {
                collect(inner, path, paths);
            }
        }
    }
}
