package dev.epoxy.glue.transforms;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * SelectFields: keeps only the listed fields, in the frame's order. Top-level names are the
 * documented use; a dotted path keeps the struct with only that sub-field (as SplitFields needs).
 * Paths not in the schema are ignored.
 */
public final class SelectFields {
    private SelectFields() {}

    public static DynamicFrame apply(DynamicFrame frame, String pathsJson, StageContext stage) {
        return frame.derive(NamedColumn.select(frame.dataset(), keep(NamedColumn.columnsOf(frame), Paths.parse(pathsJson, "paths"))),
                stage);
    }

    /** The columns reduced to the given paths (structs keep only the selected sub-fields). */
    static List<NamedColumn> keep(List<NamedColumn> columns, List<FieldPath> paths) {
        List<NamedColumn> kept = new ArrayList<>();
        for (NamedColumn column : columns) {
            List<List<FieldPath.Segment>> below = new ArrayList<>();
            boolean whole = false;
            for (FieldPath path : paths) {
                if (path.first().equals(column.name())) {
                    if (path.size() == 1) {
                        whole = true;
                    } else {
                        below.add(path.segments().subList(1, path.size()));
                    }
                }
            }
            if (whole) {
                kept.add(column);
            } else if (!below.isEmpty() && column.type() instanceof StructType struct) {
                List<NamedColumn> children = keep(NamedColumn.fieldsOf(column.value(), struct),
                        below.stream().map(segments -> new FieldPath(segments.toString(), segments)).toList());
                if (!children.isEmpty()) {
                    kept.add(new NamedColumn(column.name(), NamedColumn.struct(children, column.value()), NamedColumn.structType(children)));
                }
            } else if (!below.isEmpty() && column.type() instanceof ArrayType array && array.elementType() instanceof StructType struct) {
                List<FieldPath> inner = below.stream().map(segments -> new FieldPath(segments.toString(), segments)).toList();
                StructType[] elementType = new StructType[1];
                org.apache.spark.sql.Column value = org.apache.spark.sql.functions.transform(column.value(), x -> {
                    List<NamedColumn> children = keep(NamedColumn.fieldsOf(x, struct), inner);
                    elementType[0] = NamedColumn.structType(children);
                    return NamedColumn.struct(children, x);
                });
                if (!elementType[0].fields().isEmpty()) {
                    kept.add(new NamedColumn(column.name(), value, new ArrayType(elementType[0])));
                }
            }
        }
        return kept;
    }
}
