package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Glue's built-in classifiers, in Glue's order, on the start of a file (its end too for Parquet):
 * Avro ({@code Obj\u0001}), ORC ({@code ORC}), Parquet ({@code PAR1} at both ends), JSON (the first
 * record parses as a JSON object or array) and CSV ({@link CsvClassifier}). Gzip files are classified
 * by their decompressed content.
 */
final class FileClassifier {
    /** How much of a file the text classifiers read: Glue reads the first megabyte at most. */
    static final int SAMPLE_BYTES = 64 * 1024;
    private static final int CSV_SAMPLE_LINES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A file's classification, with its CSV format when it is CSV, whether it is gzip-compressed, and
     * the top-level column names (lower-case) the classifier saw in its sample: the keys of the JSON
     * records, the CSV header (or {@code col0}, {@code col1}…); empty for binary formats, whose footers
     * {@link FooterColumns} reads.
     */
    record Result(Classification classification, Optional<CsvFormat> csv, boolean gzip, Set<String> columnNames) {
        Result {
            requireNonNull(classification, "classification is null");
            requireNonNull(csv, "csv is null");
            columnNames = Set.copyOf(columnNames);
        }

        Result(Classification classification, Optional<CsvFormat> csv, boolean gzip) {
            this(classification, csv, gzip, Set.of());
        }
    }

    private final Configuration hadoopConf;

    FileClassifier(Configuration hadoopConf) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    }

    Result classify(DataFile file) throws IOException {
        Path path = new Path(file.uri());
        FileSystem fileSystem = path.getFileSystem(hadoopConf);
        byte[] head;
        try (FSDataInputStream in = fileSystem.open(path)) {
            head = in.readNBytes(SAMPLE_BYTES);
        }
        if (startsWith(head, new byte[] {'P', 'A', 'R', '1'})) {
            byte[] tail = new byte[4];
            try (FSDataInputStream in = fileSystem.open(path)) {
                in.readFully(file.size() - 4, tail);
            }
            if (Arrays.equals(tail, new byte[] {'P', 'A', 'R', '1'})) {
                return new Result(Classification.PARQUET, Optional.empty(), false);
            }
        }
        if (startsWith(head, new byte[] {'O', 'b', 'j', 1})) {
            return new Result(Classification.AVRO, Optional.empty(), false);
        }
        if (startsWith(head, new byte[] {'O', 'R', 'C'})) {
            return new Result(Classification.ORC, Optional.empty(), false);
        }
        boolean gzip = startsWith(head, new byte[] {(byte) 0x1f, (byte) 0x8b});
        byte[] text = head;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(fileSystem.open(path)))) {
                text = in.readNBytes(SAMPLE_BYTES);
            }
        }
        return classifyText(text, gzip);
    }

    static Result classifyText(byte[] bytes, boolean gzip) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            return new Result(Classification.UNKNOWN, Optional.empty(), gzip);
        }
        if (isJson(text)) {
            return new Result(Classification.JSON, Optional.empty(), gzip, jsonKeys(text));
        }
        List<String> lines = text.lines().limit(CSV_SAMPLE_LINES + 1).toList();
        // The sample may end inside a line: that line is not judged.
        if (bytes.length >= SAMPLE_BYTES && lines.size() > 1) {
            lines = lines.subList(0, lines.size() - 1);
        }
        Optional<CsvFormat> csv = CsvClassifier.classify(lines.subList(0, Math.min(lines.size(), CSV_SAMPLE_LINES)));
        if (csv.isPresent()) {
            return new Result(Classification.CSV, csv, gzip, csvColumnNames(csv.get(), lines));
        }
        return new Result(Classification.UNKNOWN, Optional.empty(), gzip);
    }

    /** The first value is a complete JSON object or array (a JSON-lines file's first line is). */
    private static boolean isJson(String text) {
        String stripped = text.stripLeading();
        if (!stripped.startsWith("{") && !stripped.startsWith("[")) {
            return false;
        }
        try (JsonParser parser = JSON.getFactory().createParser(stripped)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return false;
            }
            parser.skipChildren();
            return parser.currentToken() == JsonToken.END_OBJECT || parser.currentToken() == JsonToken.END_ARRAY;
        }
        catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
            // A record longer than the sample: well-formed as far as it was read.
            return text.length() >= SAMPLE_BYTES / 2;
        }
        catch (IOException e) {
            return false;
        }
    }

    /** The top-level keys of the JSON records in the sample (objects, or objects in an array), as far as it parses. */
    static Set<String> jsonKeys(String text) {
        Set<String> keys = new LinkedHashSet<>();
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT) {
                    addKeys(parser, keys);
                }
                else if (token == JsonToken.START_ARRAY) {
                    while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                        if (token == JsonToken.START_OBJECT) {
                            addKeys(parser, keys);
                        }
                        else {
                            parser.skipChildren();
                        }
                    }
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        catch (IOException e) {
            // The sample ends inside a record, or a later record is broken: the keys so far describe the file.
        }
        return keys;
    }

    private static void addKeys(JsonParser parser, Set<String> keys) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            keys.add(parser.currentName().toLowerCase(Locale.ROOT));
            parser.nextToken();
            parser.skipChildren();
        }
    }

    private static Set<String> csvColumnNames(CsvFormat format, List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        if (format.hasHeader()) {
            format.header().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
            return names;
        }
        String first = lines.stream().filter(line -> !line.isBlank()).findFirst().orElse("");
        int columns = CsvClassifier.split(first, format.delimiter()).size();
        for (int i = 0; i < columns; i++) {
            names.add("col" + i);
        }
        return names;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }
}
