package dev.epoxy.glue.transforms;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import java.util.List;
import java.util.Optional;

/**
 * DropFields: removes fields by full path; dotted paths reach into structs and into the structs of
 * arrays ({@code friends.age}); a path that is not in the schema is ignored.
 */
public final class DropFields {
    private DropFields() {}

    public static DynamicFrame apply(DynamicFrame frame, String pathsJson, StageContext stage) {
        return apply(frame, Paths.parse(pathsJson, "paths"), stage);
    }

    public static DynamicFrame apply(DynamicFrame frame, List<FieldPath> paths, StageContext stage) {
        List<NamedColumn> columns = NamedColumn.columnsOf(frame);
        boolean changed = false;
        for (FieldPath path : paths) {
            Optional<List<NamedColumn>> dropped = StructRewriter.rewrite(columns, path, true, field -> List.of());
            if (dropped.isPresent()) {
                columns = dropped.get();
                changed = true;
            }
        }
        return frame.derive(changed ? NamedColumn.select(frame.dataset(), columns) : frame.dataset(), stage);
    }
}
