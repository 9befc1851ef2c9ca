package dev.epoxy.glue.transforms;

import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.MapType;
import dev.epoxy.glue.types.SetType;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Re-encodes a value of one Glue type as a wider Glue type (the result of {@link
 * dev.epoxy.glue.types.TypeMerger}): a plain value moves into its slot of a choice, structs gain the
 * missing fields as nulls, arrays and maps are converted element by element. Used by the transforms
 * that put records of two frames together (union, mergeDynamicFrame).
 */
public final class Conform {
    private Conform() {}

    public static Column conform(Column value, GlueType from, GlueType to) {
        if (from.equals(to)) {
            return value;
        }
        if (from == AtomicType.NULL || from == AtomicType.UNKNOWN) {
            return functions.lit(null).cast(SparkTypes.toSpark(to));
        }
        if (to instanceof ChoiceType choice) {
            List<Column> slots = new ArrayList<>();
            for (GlueType alternative : choice.choices()) {
                Optional<GlueType> source = from instanceof ChoiceType fromChoice
                        ? fromChoice.choice(alternative.typeName())
                        : Optional.of(from).filter(type -> type.typeName().equals(alternative.typeName()));
                Column slot = source.isEmpty()
                        ? functions.lit(null).cast(SparkTypes.toSpark(alternative))
                        : conform(from instanceof ChoiceType ? value.getField(alternative.typeName()) : value, source.get(), alternative);
                slots.add(slot.as(alternative.typeName()));
            }
            return nullSafe(value, functions.struct(slots.toArray(new Column[0])));
        }
        if (from instanceof StructType fromStruct && to instanceof StructType toStruct) {
            List<Column> fields = new ArrayList<>();
            for (Field field : toStruct.fields()) {
                Optional<Field> source = fromStruct.field(field.name());
                Column converted = source.isEmpty()
                        ? functions.lit(null).cast(SparkTypes.toSpark(field.type()))
                        : conform(value.getField(field.name()), source.get().type(), field.type());
                fields.add(converted.as(field.name()));
            }
            return nullSafe(value, functions.struct(fields.toArray(new Column[0])));
        }
        if (from instanceof ArrayType fromArray && to instanceof ArrayType toArray) {
            return functions.transform(value, x -> conform(x, fromArray.elementType(), toArray.elementType()));
        }
        if (from instanceof SetType fromSet && to instanceof SetType toSet) {
            return functions.transform(value, x -> conform(x, fromSet.elementType(), toSet.elementType()));
        }
        if (from instanceof MapType fromMap && to instanceof MapType toMap) {
            return functions.transform_values(value, (k, v) -> conform(v, fromMap.valueType(), toMap.valueType()));
        }
        return value.cast(SparkTypes.toSpark(to));
    }

    private static Column nullSafe(Column original, Column built) {
        return functions.when(original.isNull(), functions.lit(null)).otherwise(built);
    }
}
