package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Relationalize (reference §2.6): flattens structs like {@link Unnest}, then pivots every array into
 * a frame of its own, recursively. In the parent the array field holds a generated join key (long;
 * null when the array was null); the child frame, named {@code <root>_<path with dots as _>}, has
 * {@code id} (that key), {@code index} (position in the array) and {@code <array>.val} (scalars) or
 * {@code <array>.val.<field>} (structs). Returned as a list, the root frame first.
 *
 * <p>The join keys are generated once: the input is materialized (Spark local checkpoint) before
 * keys are assigned, so the parent's keys and the children's ids agree however often the frames are
 * computed. {@code staging_path} is required and checked, as in Glue, but nothing is written there.
 */
public final class Relationalize {
    private static final String ROW_ID = "__epoxy_row_id";

    private Relationalize() {}

    public static List<DynamicFrame> apply(DynamicFrame frame, String rootTableName, String stagingPath, String optionsJson,
            StageContext stage) {
        checkInput(rootTableName != null && !rootTableName.isEmpty(), "root_table_name must not be empty");
        checkInput(stagingPath != null && !stagingPath.isBlank(), "staging_path must not be empty");
        List<NamedColumn> columns = NamedColumn.columnsOf(frame);
        List<DynamicFrame> frames = new ArrayList<>();
        boolean hasArrays = hasArrays(frame.schema());
        Dataset<Row> dataset = frame.dataset();
        if (hasArrays) {
            Column[] withId = new Column[columns.size() + 1];
            for (int i = 0; i < columns.size(); i++) {
                withId[i] = columns.get(i).value();
            }
            withId[columns.size()] = functions.monotonically_increasing_id().as(ROW_ID);
            dataset = dataset.select(withId).localCheckpoint(true);
            columns = reread(dataset, columns);
        }
        pivot(frame, dataset, columns, rootTableName, rootTableName, stage, frames);
        return frames;
    }

    private static List<NamedColumn> reread(Dataset<Row> dataset, List<NamedColumn> columns) {
        List<NamedColumn> reread = new ArrayList<>();
        for (NamedColumn column : columns) {
            reread.add(new NamedColumn(column.name(), dataset.col(DynamicFrame.quote(column.name())), column.type()));
        }
        return reread;
    }

    private static void pivot(DynamicFrame frame, Dataset<Row> dataset, List<NamedColumn> columns, String tableName, String rootName,
            StageContext stage, List<DynamicFrame> frames) {
        List<NamedColumn> parent = new ArrayList<>();
        List<DynamicFrame> children = new ArrayList<>();
        for (NamedColumn column : Unnest.flatten(columns)) {
            if (!(column.type() instanceof ArrayType array)) {
                parent.add(column);
                continue;
            }
            Column rowId = dataset.col(ROW_ID);
            parent.add(new NamedColumn(column.name(), functions.when(column.value().isNull(), functions.lit(null).cast("long"))
                    .otherwise(rowId), AtomicType.LONG));
            // A child's array fields carry the parent array's path (contact_details.val.items), so
            // naming every table from the root keeps names unique.
            String childName = rootName + "_" + column.name().replace('.', '_');
            Dataset<Row> exploded = dataset.select(rowId.as("id"),
                    functions.posexplode(column.value()).as(new String[] {"index", "val"}));
            GlueType element = array.elementType();
            if (hasArrays(element)) {
                exploded = exploded.withColumn(ROW_ID, functions.monotonically_increasing_id()).localCheckpoint(true);
            }
            List<NamedColumn> childColumns = List.of(
                    new NamedColumn("id", exploded.col("id"), AtomicType.LONG),
                    new NamedColumn("index", exploded.col("index"), AtomicType.INT),
                    new NamedColumn(column.name() + ".val", exploded.col("val"), element));
            pivot(frame, exploded, childColumns, childName, rootName, stage, children);
        }
        frames.add(frame.derive(NamedColumn.select(dataset, parent), stage).withName(tableName));
        frames.addAll(children);
    }

    private static boolean hasArrays(GlueType type) {
        if (type instanceof ArrayType) {
            return true;
        }
        if (type instanceof StructType struct) {
            for (Field field : struct.fields()) {
                if (hasArrays(field.type())) {
                    return true;
                }
            }
        }
        return false;
    }
}
