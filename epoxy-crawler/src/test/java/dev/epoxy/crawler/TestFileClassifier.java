package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classifies real files in a temporary directory through Hadoop's local FileSystem. */
class TestFileClassifier {
    @TempDir
    Path directory;

    private final FileClassifier classifier = new FileClassifier(new Configuration());

    private FileClassifier.Result classify(String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, content);
        return classifier.classify(new DataFile(file.toUri().toString(), List.of(), content.length));
    }

    @Test
    void jsonLines() throws IOException {
        assertThat(classify("a.json", "{\"a\": 1}\n{\"a\": 2}\n".getBytes(StandardCharsets.UTF_8)).classification()).isEqualTo(Classification.JSON);
    }

    @Test
    void csvWithItsFormat() throws IOException {
        FileClassifier.Result result = classify("a.csv", "id,name\n1,x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(result.classification()).isEqualTo(Classification.CSV);
        assertThat(result.csv()).contains(new CsvFormat(',', true, List.of("id", "name")));
    }

    @Test
    void magicNumbersOfBinaryFormats() throws IOException {
        assertThat(classify("a.parquet", "PAR1 footer PAR1".getBytes(StandardCharsets.US_ASCII)).classification()).isEqualTo(Classification.PARQUET);
        assertThat(classify("a.orc", "ORC....".getBytes(StandardCharsets.US_ASCII)).classification()).isEqualTo(Classification.ORC);
        assertThat(classify("a.avro", new byte[] {'O', 'b', 'j', 1, 0, 0}).classification()).isEqualTo(Classification.AVRO);
    }

    @Test
    void gzipIsClassifiedByItsContent() throws IOException {
        Path file = directory.resolve("a.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"a\": 1}\n".getBytes(StandardCharsets.UTF_8));
        }
        FileClassifier.Result result = classifier.classify(new DataFile(file.toUri().toString(), List.of(), Files.size(file)));
        assertThat(result.classification()).isEqualTo(Classification.JSON);
        assertThat(result.gzip()).isTrue();
    }

    @Test
    void binaryAndProseAreUnknown() throws IOException {
        byte[] binary = new byte[512];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        assertThat(classify("blob.bin", binary).classification()).isEqualTo(Classification.UNKNOWN);
        assertThat(classify("notes.txt", "Dear reader\nthis is prose.\n".getBytes(StandardCharsets.UTF_8)).classification()).isEqualTo(Classification.UNKNOWN);
        assertThat(classify("half.json", "{\"a\": ".getBytes(StandardCharsets.UTF_8)).classification()).isEqualTo(Classification.UNKNOWN);
    }

    @Test
    void jsonColumnNamesAreTheLowerCaseKeysOfTheSampledRecords() throws IOException {
        FileClassifier.Result lines = classify("b.json", "{\"Id\": 1, \"nested\": {\"inner\": 2}}\n{\"id\": 2, \"extra\": [1, {\"deep\": 3}]}\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(lines.columnNames()).containsExactlyInAnyOrder("id", "nested", "extra");
        FileClassifier.Result array = classify("c.json", "[{\"a\": 1}, {\"b\": 2}, 3]".getBytes(StandardCharsets.UTF_8));
        assertThat(array.columnNames()).containsExactlyInAnyOrder("a", "b");
        // A sample cut inside a record keeps the keys read before the cut.
        assertThat(FileClassifier.jsonKeys("{\"a\": 1}\n{\"b\": 2, \"c\": \"unfinish")).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void csvColumnNamesAreTheHeaderOrNumbered() throws IOException {
        assertThat(classify("h.csv", "ID,Name\n1,x\n".getBytes(StandardCharsets.UTF_8)).columnNames()).containsExactlyInAnyOrder("id", "name");
        assertThat(classify("n.csv", "alpha|beta|gamma\ndelta|epsilon|zeta\n".getBytes(StandardCharsets.UTF_8)).columnNames())
                .containsExactlyInAnyOrder("col0", "col1", "col2");
    }
}
