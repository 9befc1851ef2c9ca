package dev.epoxy.glue.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.DecimalType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.StructType;
import dev.epoxy.glue.types.TypeMerger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The inference pass of the JSON reader without building records: the types come straight from
 * Jackson's token stream. It must agree with {@link dev.epoxy.glue.record.RecordTypes} applied to
 * what the encoding pass parses (integers are longs, or decimal(38,0) beyond 64 bits; floats are
 * doubles; a duplicate key keeps its first position and last value; a line that fails to parse
 * contributes nothing, as it becomes an error record).
 */
final class JsonTypeInference {
    private JsonTypeInference() {}

    static Iterator<StructType> inferPartition(Iterator<Row> lines) {
        JsonFactory factory = new JsonFactory();
        StructType merged = StructType.empty();
        List<StructType> lineTypes = new ArrayList<>();
        while (lines.hasNext()) {
            String text = lines.next().getString(0);
            if (text == null || text.isBlank()) {
                continue;
            }
            lineTypes.clear();
            try (JsonParser parser = factory.createParser(text)) {
                inferDocuments(parser, lineTypes);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (StructType type : lineTypes) {
                merged = merged.equals(type) ? merged : TypeMerger.merge(merged, type);
            }
        }
        return List.of(merged).iterator();
    }

    private static void inferDocuments(JsonParser parser, List<StructType> out) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            addRecords(parser, token, out);
        }
    }

    private static void addRecords(JsonParser parser, JsonToken token, List<StructType> out) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            out.add(inferObject(parser));
        } else if (token == JsonToken.START_ARRAY) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (element == null) {
                    throw new IOException("unexpected end of input");
                }
                addRecords(parser, element, out);
            }
        }
        // A scalar document is an error record in the encoding pass: no type.
    }

    private static StructType inferObject(JsonParser parser) throws IOException {
        Map<String, GlueType> fields = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw new IOException("expected a field name");
            }
            String name = parser.getCurrentName();
            fields.put(name, inferValue(parser, parser.nextToken()));
        }
        List<Field> list = new ArrayList<>(fields.size());
        fields.forEach((name, type) -> list.add(new Field(name, type)));
        return new StructType(list);
    }

    private static GlueType inferValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        switch (token) {
            case START_OBJECT:
                return inferObject(parser);
            case START_ARRAY: {
                GlueType element = AtomicType.UNKNOWN;
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    element = TypeMerger.merge(element, inferValue(parser, next));
                }
                return new ArrayType(element);
            }
            case VALUE_STRING:
                return AtomicType.STRING;
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER && parser.getBigIntegerValue().bitLength() >= 64
                        ? new DecimalType(38, 0)
                        : AtomicType.LONG;
            case VALUE_NUMBER_FLOAT:
                return AtomicType.DOUBLE;
            case VALUE_TRUE:
            case VALUE_FALSE:
                return AtomicType.BOOLEAN;
            case VALUE_NULL:
                return AtomicType.NULL;
            default:
                throw new IOException("unexpected token " + token);
        }
    }
}
