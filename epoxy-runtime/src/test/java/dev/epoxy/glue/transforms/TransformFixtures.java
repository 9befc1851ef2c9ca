package dev.epoxy.glue.transforms;

import dev.epoxy.glue.CallSite;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.record.ParsedRecord;
import dev.epoxy.glue.record.RecordFrames;
import dev.epoxy.glue.record.RecordJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;

/** Frames for transform tests: built from records (so choices can be made) and read back as JSON lines. */
final class TransformFixtures {
    private TransformFixtures() {}

    static DynamicFrame frame(GlueContext glue, List<Map<String, Object>> records) {
        List<Object> values = new ArrayList<>(records);
        return RecordFrames.fromRecords(glue,
                new JavaSparkContext(glue.sparkSession().sparkContext()).parallelize(values, 2).map(ParsedRecord::of),
                Optional.empty(), "input", StageContext.none(), "test");
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The frame's records as Glue JSON lines (null fields left out), sorted. */
    static List<String> jsonLines(DynamicFrame frame) {
        List<String> lines = new ArrayList<>();
        for (Row row : frame.dataset().collectAsList()) {
            lines.add(RecordJson.toJson(row, frame.schema()));
        }
        lines.sort(String::compareTo);
        return lines;
    }

    static StageContext stage(String context) {
        return StageContext.of(context, CallSite.of("test.py:1", "info"), 0, 0);
    }
}
