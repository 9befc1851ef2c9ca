package dev.epoxy.glue.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glue's merge of the types of two records (reference §2.1): unknown/null give way to the other
 * type, equal kinds merge recursively (struct fields are unioned: the first's fields in order, then
 * the second's new ones), and different kinds become a {@link ChoiceType} keyed by type name.
 */
public final class TypeMerger {
    private TypeMerger() {}

    public static GlueType merge(GlueType left, GlueType right) {
        if (isEmpty(left)) {
            return right;
        }
        if (isEmpty(right)) {
            return left;
        }
        if (left instanceof ChoiceType || right instanceof ChoiceType) {
            return mergeChoices(alternatives(left), alternatives(right));
        }
        if (!left.typeName().equals(right.typeName())) {
            return ChoiceType.of(left, right);
        }
        return mergeSameKind(left, right);
    }

    public static StructType merge(StructType left, StructType right) {
        return (StructType) mergeSameKind(left, right);
    }

    private static boolean isEmpty(GlueType type) {
        return type == AtomicType.NULL || type == AtomicType.UNKNOWN;
    }

    private static List<GlueType> alternatives(GlueType type) {
        return type instanceof ChoiceType choice ? choice.choices() : List.of(type);
    }

    private static GlueType mergeChoices(List<GlueType> left, List<GlueType> right) {
        Map<String, GlueType> byName = new LinkedHashMap<>();
        for (GlueType type : left) {
            byName.put(type.typeName(), type);
        }
        for (GlueType type : right) {
            byName.merge(type.typeName(), type, TypeMerger::mergeSameKind);
        }
        if (byName.size() == 1) {
            return byName.values().iterator().next();
        }
        return new ChoiceType(new ArrayList<>(byName.values()));
    }

    private static GlueType mergeSameKind(GlueType left, GlueType right) {
        if (left.equals(right)) {
            return left;
        }
        if (left instanceof StructType leftStruct) {
            return mergeStructs(leftStruct, (StructType) right);
        }
        if (left instanceof ArrayType leftArray) {
            return new ArrayType(merge(leftArray.elementType(), ((ArrayType) right).elementType()));
        }
        if (left instanceof SetType leftSet) {
            return new SetType(merge(leftSet.elementType(), ((SetType) right).elementType()));
        }
        if (left instanceof MapType leftMap) {
            return new MapType(merge(leftMap.valueType(), ((MapType) right).valueType()));
        }
        if (left instanceof EnumType leftEnum) {
            List<String> options = new ArrayList<>(leftEnum.options());
            options.addAll(((EnumType) right).options());
            return new EnumType(options);
        }
        if (left instanceof DecimalType leftDecimal) {
            return widerDecimal(leftDecimal, (DecimalType) right);
        }
        return left;
    }

    private static StructType mergeStructs(StructType left, StructType right) {
        Map<String, GlueType> fields = new LinkedHashMap<>();
        for (Field field : left.fields()) {
            fields.put(field.name(), field.type());
        }
        for (Field field : right.fields()) {
            fields.merge(field.name(), field.type(), TypeMerger::merge);
        }
        List<Field> merged = new ArrayList<>(fields.size());
        fields.forEach((name, type) -> merged.add(new Field(name, type)));
        return new StructType(merged);
    }

    // A choice holds one alternative per type name, so two decimals widen instead.
    private static DecimalType widerDecimal(DecimalType left, DecimalType right) {
        int scale = Math.max(left.scale(), right.scale());
        int integerDigits = Math.max(left.precision() - left.scale(), right.precision() - right.scale());
        int precision = Math.min(DecimalType.MAX_PRECISION, integerDigits + scale);
        return new DecimalType(precision, Math.min(scale, precision));
    }
}
