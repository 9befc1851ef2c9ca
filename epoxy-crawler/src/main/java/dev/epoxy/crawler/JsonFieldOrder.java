package dev.epoxy.crawler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The order of top-level keys in a JSON file's first records. Spark's JSON inference sorts fields
 * by name; Glue's crawler keeps the order in which the data has them, so the columns are put back
 * in that order.
 */
final class JsonFieldOrder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 20;

    private JsonFieldOrder() {}

    /** Lower-cased keys in order of first appearance; empty when the file cannot be read as JSON. */
    static List<String> of(Configuration hadoopConf, String uri) {
        Path path = new Path(uri);
        Set<String> keys = new LinkedHashSet<>();
        try (InputStream raw = path.getFileSystem(hadoopConf).open(path);
                InputStream in = uri.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                JsonParser parser = JSON.getFactory().createParser(in)) {
            int records = 0;
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                token = parser.nextToken();
            }
            while (token == JsonToken.START_OBJECT && records < RECORDS) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    keys.add(parser.currentName().toLowerCase(Locale.ROOT));
                    parser.nextToken();
                    parser.skipChildren();
                }
                records++;
                token = parser.nextToken();
            }
        }
        catch (IOException | RuntimeException e) {
            // The order is cosmetic: Spark's (by name) stays.
        }
        return new ArrayList<>(keys);
    }

    /** {@code columns} with those named in {@code order} first, in that order, and the rest as they were. */
    static List<Column> reorder(List<Column> columns, List<String> order) {
        List<Column> ordered = new ArrayList<>();
        for (String name : order) {
            columns.stream().filter(column -> column.name().equals(name)).findFirst().ifPresent(ordered::add);
        }
        columns.stream().filter(column -> !ordered.contains(column)).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
