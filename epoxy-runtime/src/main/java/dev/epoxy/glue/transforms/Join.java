package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Join: an inner equi-join of two frames on top-level keys; every field of both sides is kept,
 * including both sides' keys. A field of the second frame whose name the first frame already has is
 * renamed with a leading {@code .} ({@code zip} and {@code .zip}), as Glue does. The result is named
 * after both frames ({@code name1 + name2}).
 */
public final class Join {
    private Join() {}

    public static DynamicFrame apply(DynamicFrame left, String keys1Json, String keys2Json, DynamicFrame right, StageContext stage) {
        List<FieldPath> keys1 = Paths.parse(keys1Json, "keys1");
        List<FieldPath> keys2 = Paths.parse(keys2Json, "keys2");
        checkInput(!keys1.isEmpty(), "keys1 must name at least one field");
        checkInput(keys1.size() == keys2.size(), "keys1 and keys2 must have the same length: %s and %s", keys1, keys2);
        List<NamedColumn> leftColumns = NamedColumn.columnsOf(left);
        List<NamedColumn> rightColumns = NamedColumn.columnsOf(right);
        Dataset<Row> rightRenamed = right.dataset().select(renamed(rightColumns));
        Column condition = null;
        for (int i = 0; i < keys1.size(); i++) {
            int leftIndex = indexOf(leftColumns, keys1.get(i), "keys1");
            int rightIndex = indexOf(rightColumns, keys2.get(i), "keys2");
            Column equal = left.dataset().col(DynamicFrame.quote(leftColumns.get(leftIndex).name()))
                    .equalTo(rightRenamed.col(tempName(rightIndex)));
            condition = condition == null ? equal : condition.and(equal);
        }
        Dataset<Row> joined = left.dataset().join(rightRenamed, condition, "inner");
        Set<String> leftNames = new HashSet<>();
        List<NamedColumn> output = new ArrayList<>();
        for (NamedColumn column : leftColumns) {
            leftNames.add(column.name());
            output.add(new NamedColumn(column.name(), left.dataset().col(DynamicFrame.quote(column.name())), column.type()));
        }
        for (int i = 0; i < rightColumns.size(); i++) {
            NamedColumn column = rightColumns.get(i);
            String name = leftNames.contains(column.name()) ? "." + column.name() : column.name();
            output.add(new NamedColumn(name, rightRenamed.col(tempName(i)), column.type()));
        }
        return left.deriveWith(right, NamedColumn.select(joined, output), Optional.empty(), left.name() + right.name(), stage);
    }

    private static Column[] renamed(List<NamedColumn> columns) {
        Column[] renamed = new Column[columns.size()];
        for (int i = 0; i < renamed.length; i++) {
            renamed[i] = columns.get(i).value().as(tempName(i));
        }
        return renamed;
    }

    private static String tempName(int index) {
        return "__epoxy_right_" + index;
    }

    private static int indexOf(List<NamedColumn> columns, FieldPath key, String parameter) {
        if (key.size() != 1) {
            throw invalidInput("%s: join keys must be top-level fields, got %s", parameter, key);
        }
        int index = StructRewriter.indexOf(columns, key.first(), true);
        if (index < 0) {
            throw invalidInput("%s: no such field: %s", parameter, key);
        }
        return index;
    }
}
