package dev.epoxy.glue.record;

import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.DecimalType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.StructType;
import dev.epoxy.glue.types.TypeMerger;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

/**
 * The Glue type of one record value given as plain Java objects: maps (structs), lists or arrays,
 * boxed numbers, strings, booleans, byte arrays, dates and timestamps. This is what JSON parsing
 * (Jackson, with longs for integers) and Python records (pickled dicts) produce.
 */
public final class RecordTypes {
    private RecordTypes() {}

    /** The type of a top-level record; a record that is not a map has no fields. */
    public static StructType recordType(Object record) {
        return record instanceof Map<?, ?> map ? structType(map) : StructType.empty();
    }

    public static GlueType typeOf(Object value) {
        if (value == null) {
            return AtomicType.NULL;
        }
        if (value instanceof String || value instanceof Character) {
            return AtomicType.STRING;
        }
        if (value instanceof Long) {
            return AtomicType.LONG;
        }
        if (value instanceof Map<?, ?> map) {
            return structType(map);
        }
        if (value instanceof List<?> list) {
            GlueType element = AtomicType.UNKNOWN;
            for (Object item : list) {
                element = TypeMerger.merge(element, typeOf(item));
            }
            return new ArrayType(element);
        }
        if (value instanceof Object[] array) {
            return typeOf(Arrays.asList(array));
        }
        if (value instanceof Double) {
            return AtomicType.DOUBLE;
        }
        if (value instanceof Boolean) {
            return AtomicType.BOOLEAN;
        }
        if (value instanceof Integer) {
            return AtomicType.INT;
        }
        if (value instanceof Short) {
            return AtomicType.SHORT;
        }
        if (value instanceof Byte) {
            return AtomicType.BYTE;
        }
        if (value instanceof Float) {
            return AtomicType.FLOAT;
        }
        if (value instanceof BigInteger integer) {
            return integer.bitLength() < 64 ? AtomicType.LONG : new DecimalType(38, 0);
        }
        if (value instanceof BigDecimal decimal) {
            int scale = Math.max(0, decimal.scale());
            int precision = Math.max(decimal.precision(), scale);
            if (precision > DecimalType.MAX_PRECISION) {
                return AtomicType.DOUBLE;
            }
            return new DecimalType(Math.max(1, precision), scale);
        }
        if (value instanceof byte[]) {
            return AtomicType.BINARY;
        }
        if (value instanceof java.sql.Date || value instanceof java.time.LocalDate) {
            return AtomicType.DATE;
        }
        if (value instanceof java.sql.Timestamp || value instanceof java.time.Instant || value instanceof Calendar
                || value instanceof java.util.Date) {
            return AtomicType.TIMESTAMP;
        }
        if (value instanceof java.time.LocalDateTime) {
            return AtomicType.TIMESTAMP_NTZ;
        }
        return AtomicType.STRING;
    }

    private static StructType structType(Map<?, ?> map) {
        List<Field> fields = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            fields.add(new Field(String.valueOf(entry.getKey()), typeOf(entry.getValue())));
        }
        return new StructType(fields);
    }
}
