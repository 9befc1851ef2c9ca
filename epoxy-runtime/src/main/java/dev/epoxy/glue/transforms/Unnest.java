package dev.epoxy.glue.transforms;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Unnest: every struct field becomes a top-level field named by its dotted path ({@code
 * address.city}); arrays and choices stay as they are.
 */
public final class Unnest {
    private Unnest() {}

    public static DynamicFrame apply(DynamicFrame frame, StageContext stage) {
        return frame.derive(NamedColumn.select(frame.dataset(), flatten(NamedColumn.columnsOf(frame))), stage);
    }

    static List<NamedColumn> flatten(List<NamedColumn> columns) {
        List<NamedColumn> flat = new ArrayList<>();
        for (NamedColumn column : columns) {
            if (column.type() instanceof StructType struct && !struct.fields().isEmpty()) {
                for (NamedColumn child : flatten(NamedColumn.fieldsOf(column.value(), struct))) {
                    flat.add(child.withName(column.name() + "." + child.name()));
                }
            } else {
                flat.add(column);
            }
        }
        return flat;
    }
}
