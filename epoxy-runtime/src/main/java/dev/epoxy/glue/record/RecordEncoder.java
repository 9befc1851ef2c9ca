package dev.epoxy.glue.record;

import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.DecimalType;
import dev.epoxy.glue.types.EnumType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.MapType;
import dev.epoxy.glue.types.SetType;
import dev.epoxy.glue.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Turns a record of plain Java objects into a Spark {@link Row} of the encoded dataset for a Glue
 * schema: a value of a choice column goes to the struct field named by its own type name, the other
 * alternatives stay null. A value that does not fit its declared type (possible only with an
 * attached schema) becomes null.
 */
public final class RecordEncoder {
    private RecordEncoder() {}

    /** The row of a top-level record (a map) for a frame schema; {@code extra} values are appended. */
    public static Row encodeRecord(Object record, StructType schema, Object... extra) {
        Map<?, ?> map = record instanceof Map<?, ?> m ? m : Map.of();
        List<Field> fields = schema.fields();
        Object[] values = new Object[fields.size() + extra.length];
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            values[i] = encode(map.get(field.name()), field.type());
        }
        System.arraycopy(extra, 0, values, fields.size(), extra.length);
        return RowFactory.create(values);
    }

    /** A row of nulls for the schema followed by {@code extra}. */
    public static Row nullRecord(StructType schema, Object... extra) {
        Object[] values = new Object[schema.fields().size() + extra.length];
        System.arraycopy(extra, 0, values, schema.fields().size(), extra.length);
        return RowFactory.create(values);
    }

    public static Object encode(Object value, GlueType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof AtomicType atomic) {
            return encodeAtomic(value, atomic);
        }
        if (type instanceof ChoiceType choice) {
            GlueType own = RecordTypes.typeOf(value);
            List<GlueType> alternatives = choice.choices();
            Object[] slots = new Object[alternatives.size()];
            for (int i = 0; i < slots.length; i++) {
                if (alternatives.get(i).typeName().equals(own.typeName())) {
                    slots[i] = encode(value, alternatives.get(i));
                    return RowFactory.create(slots);
                }
            }
            return null;
        }
        if (type instanceof StructType struct) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            List<Field> fields = struct.fields();
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = encode(map.get(fields.get(i).name()), fields.get(i).type());
            }
            return RowFactory.create(values);
        }
        if (type instanceof ArrayType array) {
            return encodeList(value, array.elementType());
        }
        if (type instanceof SetType set) {
            return encodeList(value, set.elementType());
        }
        if (type instanceof MapType mapType) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            Map<String, Object> encoded = new HashMap<>();
            map.forEach((key, item) -> encoded.put(String.valueOf(key), encode(item, mapType.valueType())));
            return JavaConverters.mapAsScalaMap(encoded);
        }
        if (type instanceof DecimalType) {
            return toBigDecimal(value);
        }
        if (type instanceof EnumType) {
            return value instanceof String ? value : null;
        }
        return null;
    }

    private static Object encodeList(Object value, GlueType elementType) {
        List<?> list;
        if (value instanceof List<?> l) {
            list = l;
        } else if (value instanceof Object[] array) {
            list = Arrays.asList(array);
        } else {
            return null;
        }
        List<Object> encoded = new ArrayList<>(list.size());
        for (Object item : list) {
            encoded.add(encode(item, elementType));
        }
        // A Buffer over the ArrayList: indexed access stays O(1) for the encoder (a Scala List is linked).
        return JavaConverters.asScalaBuffer(encoded);
    }

    private static Object encodeAtomic(Object value, AtomicType type) {
        switch (type) {
            case STRING:
                return value instanceof String || value instanceof Character ? value.toString() : null;
            case LONG:
                return isIntegral(value) ? ((Number) value).longValue() : null;
            case INT:
                return isIntegral(value) ? ((Number) value).intValue() : null;
            case SHORT:
                return isIntegral(value) ? ((Number) value).shortValue() : null;
            case BYTE:
                return isIntegral(value) ? ((Number) value).byteValue() : null;
            case DOUBLE:
                return value instanceof Number number ? number.doubleValue() : null;
            case FLOAT:
                return value instanceof Number number ? number.floatValue() : null;
            case BOOLEAN:
                return value instanceof Boolean ? value : null;
            case BINARY:
                return value instanceof byte[] ? value : null;
            case DATE:
                return toDate(value);
            case TIMESTAMP:
                return toTimestamp(value);
            case TIMESTAMP_NTZ:
                return value instanceof java.time.LocalDateTime ? value : null;
            case NULL:
            case UNKNOWN:
                return null;
        }
        return null;
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (isIntegral(value)) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return null;
    }

    private static Object toDate(Object value) {
        if (value instanceof java.sql.Date) {
            return value;
        }
        if (value instanceof java.time.LocalDate date) {
            return java.sql.Date.valueOf(date);
        }
        return null;
    }

    private static Object toTimestamp(Object value) {
        if (value instanceof java.sql.Timestamp) {
            return value;
        }
        if (value instanceof java.time.Instant instant) {
            return java.sql.Timestamp.from(instant);
        }
        if (value instanceof Calendar calendar) {
            return new java.sql.Timestamp(calendar.getTimeInMillis());
        }
        if (value instanceof java.util.Date date) {
            return new java.sql.Timestamp(date.getTime());
        }
        return null;
    }
}
