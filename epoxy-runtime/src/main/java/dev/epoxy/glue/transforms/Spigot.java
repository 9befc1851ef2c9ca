package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.record.RecordJson;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Spigot: passes the frame through and writes a sample of it as JSON lines (one text file) under
 * {@code path}: the first {@code topk} records (default 100), each kept with probability {@code
 * prob} (default 1.0). The sample is written when spigot is called.
 */
public final class Spigot {
    private Spigot() {}

    public static DynamicFrame apply(DynamicFrame frame, String path, String optionsJson, StageContext stage) {
        checkInput(path != null && !path.isBlank(), "spigot path must not be empty");
        JsonOptions options = JsonOptions.parse(optionsJson);
        long topk = options.getLong("topk", 100);
        double prob = options.getDouble("prob", 1.0);
        checkInput(topk >= 0, "spigot option topk must not be negative: %s", topk);
        checkInput(prob >= 0 && prob <= 1, "spigot option prob must be between 0 and 1: %s", prob);
        Dataset<Row> sample = prob < 1.0 ? frame.dataset().sample(false, prob) : frame.dataset();
        StructType schema = frame.schema();
        List<String> lines = new ArrayList<>();
        for (Row row : sample.takeAsList((int) Math.min(Integer.MAX_VALUE, topk))) {
            lines.add(RecordJson.toJson(row, schema));
        }
        try {
            frame.glueContext().sparkSession().createDataset(lines, Encoders.STRING()).coalesce(1)
                    .write().mode(SaveMode.Overwrite).text(path);
        } catch (RuntimeException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot write spigot sample to %s: %s", path, e.getMessage());
        }
        return frame.derive(frame.dataset(), stage);
    }
}
