package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import java.util.List;

/**
 * RenameField: {@code oldName} and {@code newName} are full paths ({@code address.state} to {@code
 * address.state_code}); names with dots are written in backticks. The new path must stay in the
 * same struct (or both be top-level), which is how Glue's examples use it.
 */
public final class RenameField {
    private RenameField() {}

    public static DynamicFrame apply(DynamicFrame frame, String oldName, String newName, StageContext stage) {
        FieldPath oldPath = FieldPath.parse(oldName);
        FieldPath newPath = FieldPath.parse(newName);
        String target;
        if (newPath.size() == 1 && oldPath.size() > 1) {
            // Glue scripts also pass only the new leaf name for a nested field.
            target = newPath.last();
        } else if (newPath.size() == oldPath.size() && newPath.parent().stream().map(FieldPath.Segment::name).toList()
                .equals(oldPath.parent().stream().map(FieldPath.Segment::name).toList())) {
            target = newPath.last();
        } else {
            throw invalidInput("Cannot rename %s to %s: the new name must be in the same struct", oldName, newName);
        }
        List<NamedColumn> columns = StructRewriter.rewrite(NamedColumn.columnsOf(frame), oldPath, true,
                        field -> List.of(field.withName(target)))
                .orElseThrow(() -> invalidInput("Cannot rename %s: no such field", oldName));
        return frame.derive(NamedColumn.select(frame.dataset(), columns), stage);
    }
}
