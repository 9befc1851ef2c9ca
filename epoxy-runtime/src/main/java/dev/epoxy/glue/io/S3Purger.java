package dev.epoxy.glue.io;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import org.apache.spark.sql.SparkSession;

/** Deletes files under a path. */
public final class S3Purger {
    private S3Purger() {}

    public static void purge(SparkSession spark, String path, JsonOptions options) {
        throw GlueRuntimeException.notSupported("not yet");
    }
}
