package dev.epoxy.glue.io;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;

/** Reads frames from files: s3://, file:// and plain paths. */
public final class S3Reader {
    private S3Reader() {}

    public static DynamicFrame read(GlueContext glueContext, String connectionType, JsonOptions connectionOptions, String format,
            JsonOptions formatOptions, StageContext stage) {
        throw GlueRuntimeException.notSupported("not yet");
    }
}
