package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static dev.epoxy.glue.GlueRuntimeException.notSupported;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.record.RecordTypes;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.MapType;
import dev.epoxy.glue.types.SchemaJson;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import dev.epoxy.glue.types.TypeMerger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Unbox: parses a string field into a struct at the same path. {@code json}: the type is inferred
 * from the values with Glue's merge (or given by {@code withSchema}); a field whose values disagree
 * is kept as its JSON text (a string). {@code csv}: fields {@code col0, col1, ...} as strings, with
 * options {@code separator} (default {@code ,}), {@code quoteChar}, {@code escaper}. Values that do not
 * parse become null.
 */
public final class Unbox {
    private Unbox() {}

    public static DynamicFrame apply(DynamicFrame frame, String path, String format, String optionsJson, StageContext stage) {
        FieldPath fieldPath = FieldPath.parse(path);
        JsonOptions options = JsonOptions.parse(optionsJson);
        NamedColumn source = find(NamedColumn.columnsOf(frame), fieldPath)
                .orElseThrow(() -> invalidInput("Cannot unbox %s: no such field", path));
        if (source.type() != AtomicType.STRING) {
            throw invalidInput("Cannot unbox %s: it is %s, not string", path, source.type().typeName());
        }
        NamedColumn parsed = switch (format == null ? "" : format.toLowerCase(Locale.ROOT)) {
            case "json" -> json(frame.dataset(), source, options);
            case "csv" -> csv(frame.dataset(), source, options);
            default -> throw notSupported("Cannot unbox %s: format %s is not supported (json, csv)", path, format);
        };
        List<NamedColumn> columns = StructRewriter.rewrite(NamedColumn.columnsOf(frame), fieldPath, true,
                field -> List.of(new NamedColumn(field.name(), parsed.value(), parsed.type()))).orElseThrow();
        return frame.derive(NamedColumn.select(frame.dataset(), columns), stage);
    }

    private static java.util.Optional<NamedColumn> find(List<NamedColumn> columns, FieldPath path) {
        List<NamedColumn> level = columns;
        NamedColumn current = null;
        for (FieldPath.Segment segment : path.segments()) {
            if (current != null) {
                if (!(current.type() instanceof StructType struct)) {
                    return java.util.Optional.empty();
                }
                level = NamedColumn.fieldsOf(current.value(), struct);
            }
            int index = StructRewriter.indexOf(level, segment.name(), true);
            if (index < 0) {
                return java.util.Optional.empty();
            }
            current = level.get(index);
        }
        return java.util.Optional.ofNullable(current);
    }

    private static NamedColumn json(Dataset<Row> dataset, NamedColumn source, JsonOptions options) {
        GlueType type = options.getString("withSchema").map(schema -> (GlueType) SchemaJson.structFromJson(schema))
                .orElseGet(() -> infer(dataset.select(source.value()).where(source.value().isNotNull()).as(Encoders.STRING()).javaRDD()));
        GlueType parseType = withoutChoices(type);
        if (!(parseType instanceof StructType) && !(parseType instanceof ArrayType) && !(parseType instanceof MapType)) {
            return new NamedColumn(source.name(), source.value(), AtomicType.STRING);
        }
        Map<String, String> jsonOptions = new HashMap<>();
        jsonOptions.put("mode", "PERMISSIVE");
        return new NamedColumn(source.name(), functions.from_json(source.value(), SparkTypes.toSpark(parseType), jsonOptions), parseType);
    }

    private static GlueType infer(JavaRDD<String> values) {
        return values.mapPartitions(texts -> {
            ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
            GlueType merged = AtomicType.NULL;
            while (texts.hasNext()) {
                try {
                    merged = TypeMerger.merge(merged, RecordTypes.typeOf(mapper.readValue(texts.next(), Object.class)));
                } catch (Exception e) {
                    // Malformed JSON parses to null, as Spark's from_json does in PERMISSIVE mode.
                }
            }
            return List.of(merged).iterator();
        }).fold(AtomicType.NULL, TypeMerger::merge);
    }

    private static GlueType withoutChoices(GlueType type) {
        if (type instanceof ChoiceType) {
            return AtomicType.STRING;
        }
        if (type instanceof StructType struct) {
            List<Field> fields = new ArrayList<>();
            for (Field field : struct.fields()) {
                fields.add(field.withType(withoutChoices(field.type())));
            }
            return new StructType(fields);
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(withoutChoices(array.elementType()));
        }
        if (type instanceof MapType map) {
            return new MapType(withoutChoices(map.valueType()));
        }
        if (type == AtomicType.UNKNOWN) {
            return AtomicType.NULL;
        }
        return type;
    }

    private static NamedColumn csv(Dataset<Row> dataset, NamedColumn source, JsonOptions options) {
        String separator = options.getString("separator", ",");
        Map<String, String> csvOptions = new HashMap<>();
        csvOptions.put("sep", separator);
        options.getString("quoteChar").ifPresent(quote -> csvOptions.put("quote", quote.equals("-1") ? "\u0000" : quote));
        options.getString("escaper").ifPresent(escape -> csvOptions.put("escape", escape));
        Row widest = dataset.select(functions.max(functions.size(functions.split(source.value(),
                java.util.regex.Pattern.quote(separator))))).first();
        int width = widest.isNullAt(0) ? 0 : Math.max(0, widest.getInt(0));
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            fields.add(new Field("col" + i, AtomicType.STRING));
        }
        StructType type = new StructType(fields);
        if (fields.isEmpty()) {
            return new NamedColumn(source.name(), source.value(), AtomicType.STRING);
        }
        Column parsed = functions.from_csv(source.value(), functions.lit(((org.apache.spark.sql.types.StructType) SparkTypes.toSpark(type)).toDDL()), csvOptions);
        return new NamedColumn(source.name(), parsed, type);
    }
}
