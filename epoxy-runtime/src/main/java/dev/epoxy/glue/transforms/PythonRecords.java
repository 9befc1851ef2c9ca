package dev.epoxy.glue.transforms;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.ErrorRecords;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.record.ParsedRecord;
import dev.epoxy.glue.record.RecordFrames;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The JVM half of {@code filter(f)} and {@code map(f)} with Python functions. Python adds a column
 * computed by a Python UDF over the encoded dataset (Spark runs it in its Python workers) and hands
 * the dataset back here:
 *
 * <ul>
 *   <li>filter: the column is {@code struct<keep: boolean, error: string, record: string>}; kept
 *       records keep their encoding (no re-inference), {@code error} makes an error record;
 *   <li>map: the column is {@code struct<record: string, error: string, input: string>} where
 *       {@code record} is the returned record as JSON (dates, timestamps, decimals and bytes tagged,
 *       see {@code awsglue/_records.py}); the records are re-inferred with {@link RecordFrames}.
 * </ul>
 */
public final class PythonRecords {
    /** Key of a tagged JSON value: {@code {"__epoxy_type__": "date", "value": 19000}}. */
    public static final String TAG = "__epoxy_type__";

    private PythonRecords() {}

    // Called from Python via py4j
    public static DynamicFrame filterResult(DynamicFrame frame, Dataset<Row> withVerdict, String verdictColumn, StageContext stage) {
        Column verdict = withVerdict.col(verdictColumn);
        Column error = verdict.getField("error");
        Dataset<Row> kept = withVerdict.where(error.isNull().and(functions.coalesce(verdict.getField("keep"), functions.lit(false))))
                .drop(verdict);
        Column record = verdict.getField("record");
        Column errorStruct = functions.struct(
                functions.struct(functions.lit(stage.callSite().site()).as("site"), functions.lit(stage.callSite().info()).as("info"))
                        .as("callsite"),
                error.as("msg"),
                functions.lit("").as("stackTrace"),
                record.as("input"),
                functions.length(record).cast("long").as("bytesread"),
                functions.lit(null).cast("string").as("source"),
                record.as("dynamicRecord")).cast(ErrorRecords.ERROR_STRUCT).as(ErrorRecords.ERROR_COLUMN);
        Dataset<Row> errors = withVerdict.where(error.isNotNull()).select(errorStruct);
        return frame.derive(kept, errors, stage);
    }

    // Called from Python via py4j
    public static DynamicFrame mapResult(DynamicFrame frame, Dataset<Row> output, StageContext stage) {
        // Inference and encoding both read the records: cache them so the Python function runs once.
        Dataset<Row> cached = output.persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<ParsedRecord> records = cached.javaRDD().map(PythonRecords::parse);
        DynamicFrame parsed = RecordFrames.fromRecords(frame.glueContext(), records, Optional.empty(), frame.name(), stage, "");
        Dataset<Row> errors = parsed.errorLog().lastStage().errors().orElseThrow();
        return frame.derive(parsed.dataset(), errors, stage);
    }

    private static ParsedRecord parse(Row row) throws Exception {
        String record = row.getString(row.fieldIndex("record"));
        String error = row.getString(row.fieldIndex("error"));
        String input = row.getString(row.fieldIndex("input"));
        if (error != null) {
            return ParsedRecord.error(error, null, input, null);
        }
        return ParsedRecord.of(decode(Holder.MAPPER.readTree(record)));
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    }

    /** The plain Java value of a record JSON written by {@code awsglue/_records.py}. */
    public static Object decode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            if (node.size() == 2 && node.has(TAG) && node.has("value")) {
                return decodeTagged(node.get(TAG).asText(), node.get("value"));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), decode(entry.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(decode(item));
            }
            return list;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asText();
    }

    private static Object decodeTagged(String tag, JsonNode value) {
        return switch (tag) {
            case "date" -> LocalDate.ofEpochDay(value.asLong());
            case "timestamp" -> {
                long micros = value.asLong();
                yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            }
            case "decimal" -> new BigDecimal(value.asText());
            case "binary" -> Base64.getDecoder().decode(value.asText());
            default -> value.asText();
        };
    }
}
