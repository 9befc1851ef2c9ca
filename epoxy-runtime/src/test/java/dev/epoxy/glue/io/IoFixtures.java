package dev.epoxy.glue.io;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.JsonOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Connection options and reads through {@link GlueContext#getSource} for the reader and writer tests. */
final class IoFixtures {
    private IoFixtures() {}

    /** {@code {"paths": ["file:/..."]}}: connection options naming the given files or directories. */
    static String paths(Path... paths) {
        return paths(Arrays.stream(paths).map(path -> path.toUri().toString()).toArray(String[]::new));
    }

    /** {@code {"paths": [...]}} of the given URIs. */
    static String paths(String... uris) {
        return pathsWith(List.of(uris), "");
    }

    /** {@code {"paths": ["file:/..."], <moreMembers>}}, e.g. {@code pathsWith(dir, "\"recurse\": true")}. */
    static String pathsWith(Path path, String moreMembers) {
        return pathsWith(List.of(path.toUri().toString()), moreMembers);
    }

    private static String pathsWith(List<String> uris, String moreMembers) {
        List<String> quoted = new ArrayList<>();
        for (String uri : uris) {
            quoted.add("\"" + uri + "\"");
        }
        String more = moreMembers.isEmpty() ? "" : ", " + moreMembers;
        return "{\"paths\": [" + String.join(",", quoted) + "]" + more + "}";
    }

    /** Reads an s3 source with the given connection options, format and format options (JSON). */
    static DynamicFrame read(GlueContext glueContext, String connectionOptions, String format, String formatOptions) {
        return readWhere(glueContext, connectionOptions, "", format, formatOptions);
    }

    /** {@link #read} with a push_down_predicate. */
    static DynamicFrame readWhere(GlueContext glueContext, String connectionOptions, String pushDownPredicate, String format,
            String formatOptions) {
        return glueContext.getSource("s3", connectionOptions, "", pushDownPredicate)
                .setFormat(format, JsonOptions.parse(formatOptions))
                .getDynamicFrame();
    }
}
