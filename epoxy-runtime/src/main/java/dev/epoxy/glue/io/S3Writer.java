package dev.epoxy.glue.io;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;

/** Writes frames to files. */
public final class S3Writer {
    private S3Writer() {}

    public static void write(DynamicFrame frame, String connectionType, JsonOptions connectionOptions, String format,
            JsonOptions formatOptions) {
        throw GlueRuntimeException.notSupported("not yet");
    }
}
