package dev.epoxy.glue.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.MapType;
import dev.epoxy.glue.types.SetType;
import dev.epoxy.glue.types.StructType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * A row of an encoded dataset as a Glue JSON record: choice structs print the value of their
 * non-null alternative, null fields are left out, dates print as {@code yyyy-MM-dd}, timestamps as
 * ISO-8601 instants in UTC, binary as base64. Used by {@code show()} and the JSON-based sinks.
 */
public final class RecordJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordJson() {}

    public static String toJson(Row row, StructType schema) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeStruct(generator, row, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeStruct(JsonGenerator generator, Row row, StructType schema) throws IOException {
        generator.writeStartObject();
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size() && i < row.length(); i++) {
            if (row.isNullAt(i)) {
                continue;
            }
            generator.writeFieldName(fields.get(i).name());
            writeValue(generator, row.get(i), fields.get(i).type());
        }
        generator.writeEndObject();
    }

    private static void writeValue(JsonGenerator generator, Object value, GlueType type) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (type instanceof ChoiceType choice) {
            Row alternatives = (Row) value;
            for (int i = 0; i < alternatives.length(); i++) {
                if (!alternatives.isNullAt(i)) {
                    writeValue(generator, alternatives.get(i), choice.choices().get(i));
                    return;
                }
            }
            generator.writeNull();
        } else if (type instanceof StructType struct) {
            writeStruct(generator, (Row) value, struct);
        } else if (type instanceof ArrayType || type instanceof SetType) {
            GlueType element = type instanceof ArrayType array ? array.elementType() : ((SetType) type).elementType();
            generator.writeStartArray();
            for (Object item : iterable(value)) {
                writeValue(generator, item, element);
            }
            generator.writeEndArray();
        } else if (type instanceof MapType map) {
            generator.writeStartObject();
            for (java.util.Map.Entry<?, ?> entry : JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) value).entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue(), map.valueType());
            }
            generator.writeEndObject();
        } else {
            writeAtomic(generator, value);
        }
    }

    private static Iterable<?> iterable(Object value) {
        if (value instanceof scala.collection.Seq<?> seq) {
            return JavaConverters.seqAsJavaList(seq);
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        return (Iterable<?>) value;
    }

    private static void writeAtomic(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Short number) {
            generator.writeNumber(number);
        } else if (value instanceof Byte number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Float number) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof java.sql.Timestamp timestamp) {
            // An instant in UTC, independent of the JVM's time zone.
            generator.writeString(timestamp.toInstant().toString());
        } else if (value instanceof byte[] bytes) {
            generator.writeString(Base64.getEncoder().encodeToString(bytes));
        } else {
            generator.writeString(value.toString());
        }
    }
}
