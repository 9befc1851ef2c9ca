package dev.epoxy.glue.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.record.ParsedRecord;
import dev.epoxy.glue.record.RecordFrames;
import dev.epoxy.glue.types.StructType;
import dev.epoxy.glue.types.TypeMerger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * Glue's JSON reader: one JSON document per line (or per file with {@code multiLine}), each
 * top-level object a record, a top-level array a list of records; {@code jsonPath} selects the
 * records inside each document. A line that does not parse becomes an error record with message
 * {@code "error in jackson reader"}; the statement never fails for bad data.
 */
final class JsonReader {
    static final String PARSE_ERROR = "error in jackson reader";
    private static final int MAX_ERROR_INPUT = 64 * 1024;

    private JsonReader() {}

    static DynamicFrame read(GlueContext glueContext, List<String> files, JsonOptions formatOptions, String compressionType,
            StageContext stage) {
        boolean multiLine = formatOptions.getBoolean("multiLine", formatOptions.getBoolean("multiline", false));
        // Optional is not serializable: the closure captures the path itself, or null.
        JsonPath jsonPath = formatOptions.getString("jsonPath").map(JsonPath::parse).orElse(null);
        JavaRDD<Row> lines = TextInput.read(glueContext.sparkSession(), files, multiLine, compressionType).javaRDD();
        JavaRDD<ParsedRecord> records = lines.mapPartitions(partition -> parsePartition(partition, Optional.ofNullable(jsonPath)));
        // Without jsonPath the inference pass streams tokens instead of building records (faster).
        Optional<StructType> schema = jsonPath != null
                ? Optional.empty()
                : Optional.of(lines.mapPartitions(JsonTypeInference::inferPartition).fold(StructType.empty(), TypeMerger::merge));
        return RecordFrames.fromRecords(glueContext, records, schema, "", stage, String.join(",", files));
    }

    private static Iterator<ParsedRecord> parsePartition(Iterator<Row> lines, Optional<JsonPath> jsonPath) {
        JsonFactory factory = new JsonFactory();
        return new Iterator<>() {
            private final List<ParsedRecord> pending = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next >= pending.size()) {
                    if (!lines.hasNext()) {
                        return false;
                    }
                    pending.clear();
                    next = 0;
                    Row line = lines.next();
                    parse(factory, line.getString(0), line.getString(1), jsonPath, pending);
                }
                return true;
            }

            @Override
            public ParsedRecord next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pending.get(next++);
            }
        };
    }

    private static void parse(JsonFactory factory, String text, String file, Optional<JsonPath> jsonPath, List<ParsedRecord> out) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<Object> documents = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                documents.add(JsonValues.read(parser, token));
            }
        } catch (IOException | RuntimeException e) {
            out.add(ParsedRecord.error(PARSE_ERROR, e, truncate(text), null).withSource(file));
            return;
        }
        for (Object document : documents) {
            List<Object> selected = jsonPath.map(path -> path.select(document)).orElseGet(() -> List.of(document));
            for (Object value : selected) {
                addRecords(value, text, file, jsonPath, out);
            }
        }
    }

    private static void addRecords(Object value, String text, String file, Optional<JsonPath> jsonPath, List<ParsedRecord> out) {
        if (value instanceof Map<?, ?>) {
            out.add(ParsedRecord.of(value));
        } else if (value instanceof List<?> list && jsonPath.isEmpty()) {
            for (Object item : list) {
                addRecords(item, text, file, jsonPath, out);
            }
        } else {
            String what = value == null ? "null" : value instanceof List ? "array" : "scalar value";
            out.add(ParsedRecord.error("JSON record is a " + what + ", not an object"
                    + jsonPath.map(path -> " (jsonPath " + path.expression() + ")").orElse(""), null, truncate(text), null).withSource(file));
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_INPUT ? text : text.substring(0, MAX_ERROR_INPUT);
    }
}
