package dev.epoxy.glue.transforms;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The DynamoDB-export helpers. DynamoDB JSON wraps every value in a struct naming its type
 * ({@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"M": {...}}}, {@code {"L": [...]}}, ...).
 *
 * <ul>
 *   <li>{@code unnest_ddb_json}: the fields of the top-level {@code Item} become top-level fields
 *       holding the wrapped value ({@code Item.name.S} → {@code name}); maps and lists are not
 *       simplified further;
 *   <li>{@code simplify_ddb_json}: recursively, {@code M} → struct, {@code L} → array (when its
 *       elements agree on one wrapper), {@code SS}/{@code NS}/{@code BS} → array, {@code BOOL} →
 *       boolean, {@code NULL} → null, {@code S}/{@code N}/{@code B} → the value. A wrapper struct
 *       with several type names (records disagree) is left as it is.
 * </ul>
 * Numbers keep the type they were read with ({@code N} values are strings in DynamoDB JSON).
 */
public final class DynamoDbJson {
    private static final Set<String> DESCRIPTORS = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

    private DynamoDbJson() {}

    public static DynamicFrame unnest(DynamicFrame frame, StageContext stage) {
        List<NamedColumn> columns = NamedColumn.columnsOf(frame);
        int item = StructRewriter.indexOf(columns, "Item", true);
        if (item < 0 || !(columns.get(item).type() instanceof StructType itemType)) {
            return frame.derive(frame.dataset(), stage);
        }
        List<NamedColumn> output = new ArrayList<>();
        for (NamedColumn field : NamedColumn.fieldsOf(columns.get(item).value(), itemType)) {
            output.add(unwrap(field, false));
        }
        return frame.derive(NamedColumn.select(frame.dataset(), output), stage);
    }

    public static DynamicFrame simplify(DynamicFrame frame, StageContext stage) {
        List<NamedColumn> output = new ArrayList<>();
        for (NamedColumn column : NamedColumn.columnsOf(frame)) {
            output.add(simplify(column));
        }
        return frame.derive(NamedColumn.select(frame.dataset(), output), stage);
    }

    private static NamedColumn simplify(NamedColumn column) {
        if (descriptor(column.type()) != null) {
            return unwrap(column, true);
        }
        if (column.type() instanceof StructType struct) {
            List<NamedColumn> children = new ArrayList<>();
            for (NamedColumn child : NamedColumn.fieldsOf(column.value(), struct)) {
                children.add(simplify(child));
            }
            return new NamedColumn(column.name(), NamedColumn.struct(children, column.value()), NamedColumn.structType(children));
        }
        return column;
    }

    /** The wrapped value of a DynamoDB wrapper struct; other values unchanged. */
    private static NamedColumn unwrap(NamedColumn column, boolean recursive) {
        String descriptor = descriptor(column.type());
        if (descriptor == null) {
            return column;
        }
        StructType wrapper = (StructType) column.type();
        GlueType inner = wrapper.field(descriptor).orElseThrow().type();
        Column value = column.value().getField(descriptor);
        if (descriptor.equals("NULL")) {
            return new NamedColumn(column.name(), functions.lit(null), AtomicType.NULL);
        }
        if (!recursive) {
            return new NamedColumn(column.name(), value, inner);
        }
        if (descriptor.equals("M") && inner instanceof StructType) {
            return simplify(new NamedColumn(column.name(), value, inner)).withName(column.name());
        }
        if (descriptor.equals("L") && inner instanceof ArrayType array && descriptor(array.elementType()) != null) {
            GlueType[] elementType = new GlueType[1];
            Column elements = functions.transform(value, x -> {
                NamedColumn simplified = simplify(new NamedColumn("element", x, array.elementType()));
                elementType[0] = simplified.type();
                return simplified.value();
            });
            return new NamedColumn(column.name(), elements, new ArrayType(elementType[0]));
        }
        return new NamedColumn(column.name(), value, inner);
    }

    /** The single type name of a DynamoDB wrapper struct, or null when the type is not one. */
    private static String descriptor(GlueType type) {
        if (type instanceof StructType struct && struct.fields().size() == 1) {
            Field field = struct.fields().get(0);
            return DESCRIPTORS.contains(field.name()) ? field.name() : null;
        }
        return null;
    }
}
