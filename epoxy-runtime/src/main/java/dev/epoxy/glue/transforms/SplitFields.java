package dev.epoxy.glue.transforms;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import java.util.List;

/**
 * SplitFields: two frames, {@code name1} with the listed fields and {@code name2} with the rest (the
 * same records). Returned as a list ordered name1, name2; Python makes the collection.
 */
public final class SplitFields {
    private SplitFields() {}

    public static List<DynamicFrame> apply(DynamicFrame frame, String pathsJson, String name1, String name2, StageContext stage) {
        List<FieldPath> paths = Paths.parse(pathsJson, "paths");
        DynamicFrame selected = frame.derive(NamedColumn.select(frame.dataset(), SelectFields.keep(NamedColumn.columnsOf(frame), paths)),
                stage).withName(name1);
        DynamicFrame rest = DropFields.apply(frame, paths, stage).withName(name2);
        return List.of(selected, rest);
    }
}
