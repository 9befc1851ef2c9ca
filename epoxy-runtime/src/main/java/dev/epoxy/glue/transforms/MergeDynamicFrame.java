package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * mergeDynamicFrame: an upsert by primary keys. A source record whose keys appear in the staging
 * frame is replaced by the staging version(s); other source records are kept; every staging record
 * is in the result. Duplicates are not removed and the schemas may differ (they are merged as in
 * {@link Union}).
 */
public final class MergeDynamicFrame {
    private MergeDynamicFrame() {}

    public static DynamicFrame apply(DynamicFrame source, DynamicFrame staging, String primaryKeysJson, StageContext stage) {
        List<FieldPath> keys = Paths.parse(primaryKeysJson, "primary_keys");
        checkInput(!keys.isEmpty(), "primary_keys must name at least one field");
        Dataset<Row> stagingKeys = staging.dataset();
        Column[] renamedKeys = new Column[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            String key = topLevel(keys.get(i));
            checkInput(source.schema().hasField(key), "primary_keys: no such field in the source frame: %s", key);
            checkInput(staging.schema().hasField(key), "primary_keys: no such field in the staging frame: %s", key);
            renamedKeys[i] = stagingKeys.col(DynamicFrame.quote(key)).as("__epoxy_key_" + i);
        }
        Dataset<Row> stagingKeySet = stagingKeys.select(renamedKeys).distinct();
        Column condition = null;
        for (int i = 0; i < keys.size(); i++) {
            Column equal = source.dataset().col(DynamicFrame.quote(topLevel(keys.get(i)))).equalTo(stagingKeySet.col("__epoxy_key_" + i));
            condition = condition == null ? equal : condition.and(equal);
        }
        Dataset<Row> kept = source.dataset().join(stagingKeySet, condition, "left_anti");
        Dataset<Row> merged = Union.union(kept, source.schema(), staging.dataset(), staging.schema());
        return source.deriveWith(staging, merged, Optional.empty(), source.name(), stage);
    }

    private static String topLevel(FieldPath key) {
        if (key.size() != 1) {
            throw invalidInput("primary_keys must be top-level fields, got %s", key);
        }
        return key.first();
    }
}
