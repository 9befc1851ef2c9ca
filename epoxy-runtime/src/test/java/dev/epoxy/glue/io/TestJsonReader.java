package dev.epoxy.glue.io;

import static dev.epoxy.glue.io.IoFixtures.paths;
import static dev.epoxy.glue.io.IoFixtures.pathsWith;
import static dev.epoxy.glue.types.AtomicType.DOUBLE;
import static dev.epoxy.glue.types.AtomicType.LONG;
import static dev.epoxy.glue.types.AtomicType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.SparkTestBase;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJsonReader extends SparkTestBase {
    @TempDir
    Path dir;

    private DynamicFrame read(String connectionOptions, String formatOptions) {
        return IoFixtures.read(glueContext, connectionOptions, "json", formatOptions);
    }

    /** Orders whose amount is a long when i % 3 == 0, a double when i % 3 == 1 and a string otherwise. */
    private static List<String> heterogeneousLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String amount = switch (i % 3) {
                case 0 -> String.valueOf(i);
                case 1 -> i + ".5";
                default -> "\"n/a " + i + "\"";
            };
            String coupon = i % 4 == 0 ? ",\"coupon\":\"C" + i + "\"" : "";
            lines.add("{\"id\":" + i + ",\"amount\":" + amount + ",\"tags\":[\"t" + i + "\"],\"customer\":{\"name\":\"c" + i + "\"}" + coupon + "}");
        }
        return lines;
    }

    @Test
    void fieldsWhoseTypeVariesBecomeChoicesAndMissingFieldsAreNull() throws IOException {
        Path file = dir.resolve("orders.json");
        Files.write(file, heterogeneousLines(30));
        DynamicFrame frame = read(paths(file), "{}");
        assertThat(frame.schema()).isEqualTo(StructType.of(
                new Field("id", LONG),
                new Field("amount", ChoiceType.of(LONG, DOUBLE, STRING)),
                new Field("tags", new ArrayType(STRING)),
                new Field("customer", StructType.of(new Field("name", STRING))),
                new Field("coupon", STRING)));
        assertThat(frame.count()).isEqualTo(30);
        assertThat(frame.errorsCount()).isZero();
        List<Row> rows = frame.toDF().orderBy("id").collectAsList();
        for (int i = 0; i < 30; i++) {
            Row amount = rows.get(i).getStruct(1);
            switch (i % 3) {
                case 0 -> assertThat(amount.getAs("long").equals((long) i)).isTrue();
                case 1 -> assertThat((Double) amount.getAs("double")).isEqualTo(i + 0.5);
                default -> assertThat((String) amount.getAs("string")).isEqualTo("n/a " + i);
            }
            assertThat(rows.get(i).isNullAt(4)).isEqualTo(i % 4 != 0);
        }
    }

    @Test
    void malformedLinesBecomeErrorRecordsNotFailures() throws IOException {
        Path file = dir.resolve("bad.json");
        List<String> lines = new ArrayList<>(heterogeneousLines(5));
        lines.add(2, "{\"id\": 100, \"amount\": ");
        lines.add("not json at all");
        lines.add("");
        Files.write(file, lines);
        DynamicFrame frame = read(paths(file), "{}");
        assertThat(frame.count()).isEqualTo(5);
        assertThat(frame.errorsCount()).isEqualTo(2);
        assertThat(frame.stageErrorsCount()).isEqualTo(2);
        List<Row> errors = frame.errorsAsDynamicFrame().toDF().select("error.msg", "error.input", "error.source").collectAsList();
        assertThat(errors).extracting(row -> row.getString(0)).containsOnly("error in jackson reader");
        assertThat(errors).extracting(row -> row.getString(1)).containsExactlyInAnyOrder("{\"id\": 100, \"amount\": ", "not json at all");
        assertThat(errors).extracting(row -> row.getString(2)).allMatch(source -> source.endsWith("bad.json"));
    }

    @Test
    void pushDownPredicatePartitionsAndSamplesKeepTheSourceStageErrors() throws IOException {
        Path file = dir.resolve("bad-filtered.json");
        List<String> lines = new ArrayList<>(heterogeneousLines(6));
        lines.add("not json at all");
        Files.write(file, lines);
        long evenIds = 3;
        DynamicFrame filtered = glueContext.getSource("s3", paths(file), "", "id % 2 = 0")
                .setFormat("json", JsonOptions.empty()).getDynamicFrame();
        assertThat(filtered.count()).isEqualTo(evenIds);
        assertThat(filtered.stageErrorsCount()).isEqualTo(1);
        assertThat(filtered.errorsCount()).isEqualTo(1);
        DynamicFrame repartitioned = glueContext.getSource("s3", paths(file), "", "")
                .setFormat("json", JsonOptions.empty()).getDynamicFrame(5, 5);
        assertThat(repartitioned.getNumPartitions()).isEqualTo(5);
        assertThat(repartitioned.stageErrorsCount()).isEqualTo(1);
        DynamicFrame sample = glueContext.getSource("s3", paths(file), "", "")
                .setFormat("json", JsonOptions.empty()).getSampleDynamicFrame(2, "{}");
        assertThat(sample.count()).isEqualTo(2);
        assertThat(sample.stageErrorsCount()).isEqualTo(1);
    }

    @Test
    void multiLineReadsWholeFilesAndJsonPathSelectsRecords() throws IOException {
        Path file = dir.resolve("doc.json");
        Files.writeString(file, "{\n  \"meta\": {\"n\": 3},\n  \"items\": [\n    {\"k\": 1},\n    {\"k\": \"two\"},\n    {\"k\": 3}\n  ]\n}\n");
        DynamicFrame frame = read(paths(file), "{\"multiLine\": true, \"jsonPath\": \"$.items[*]\"}");
        assertThat(frame.schema()).isEqualTo(StructType.of(new Field("k", ChoiceType.of(LONG, STRING))));
        assertThat(frame.count()).isEqualTo(3);
        DynamicFrame whole = read(paths(file), "{\"multiLine\": \"true\"}");
        assertThat(whole.count()).isEqualTo(1);
        assertThat(whole.schema().fieldNames()).containsExactly("meta", "items");
    }

    @Test
    void topLevelArraysAreListsOfRecords() throws IOException {
        Path file = dir.resolve("array.json");
        Files.writeString(file, "[{\"a\": 1}, {\"a\": 2}]\n{\"a\": 3}\n");
        assertThat(read(paths(file), "{}").count()).isEqualTo(3);
    }

    @Test
    void gzipFilesAreDecompressedByExtension() throws IOException {
        Path file = dir.resolve("orders.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n", heterogeneousLines(12)).getBytes(StandardCharsets.UTF_8));
        }
        DynamicFrame frame = read(paths(file), "{}");
        assertThat(frame.count()).isEqualTo(12);
        assertThat(frame.toDF().select("id").as(Encoders.LONG()).collectAsList()).hasSize(12).contains(0L, 11L);
    }

    @Test
    void compressionTypeNamesTheCodecOfFilesWithoutExtension() throws IOException {
        Path file = dir.resolve("orders-gzipped");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n", heterogeneousLines(7)).getBytes(StandardCharsets.UTF_8));
        }
        String options = pathsWith(file, "\"compressionType\": \"gzip\"");
        DynamicFrame frame = read(options, "{}");
        assertThat(frame.count()).isEqualTo(7);
        assertThat(frame.errorsCount()).isZero();
        assertThatThrownBy(() -> read(pathsWith(file, "\"compressionType\": \"zstd\""), "{}"))
                .hasMessage("Unsupported compressionType zstd: use gzip or bzip2");
    }

    @Test
    void recurseAndExclusionsChooseTheFiles() throws IOException {
        Path root = dir.resolve("in");
        Files.createDirectories(root.resolve("sub"));
        Files.write(root.resolve("a.json"), heterogeneousLines(2));
        Files.write(root.resolve("skip.json"), heterogeneousLines(4));
        Files.write(root.resolve("sub/b.json"), heterogeneousLines(3));
        Files.writeString(root.resolve("_SUCCESS"), "");
        assertThat(read(paths(root), "{}").count()).isEqualTo(6);
        String recurse = pathsWith(root, "\"recurse\": true");
        assertThat(read(recurse, "{}").count()).isEqualTo(9);
        String excluded = pathsWith(root, "\"recurse\": true, \"exclusions\": \"[\\\"**skip.json\\\"]\"");
        assertThat(read(excluded, "{}").count()).isEqualTo(5);
    }

    @Test
    void missingPathFailsNamingIt() {
        String missing = dir.resolve("nope").toUri().toString();
        assertThatThrownBy(() -> read(paths(missing), "{}"))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Path does not exist: " + missing)
                .extracting(e -> ((GlueRuntimeException) e).kind()).isEqualTo(GlueRuntimeException.Kind.NOT_FOUND);
    }

    @Test
    void missingPathsOptionAndUnknownFormatAreInvalidInput() {
        assertThatThrownBy(() -> glueContext.getSource("s3", "{}", "", "").setFormat("json", JsonOptions.empty()).getDynamicFrame())
                .hasMessage("connection_options must contain paths, a list of s3:// paths");
        assertThatThrownBy(() -> glueContext.getSource("s3", paths(dir), "", "").setFormat("yaml", JsonOptions.empty()).getDynamicFrame())
                .hasMessage("Unknown format yaml: use json, csv, parquet, orc or avro");
        assertThatThrownBy(() -> glueContext.getSource("dynamodb", "{}", "", "").setFormat("json", JsonOptions.empty()).getDynamicFrame())
                .hasMessage("Connection type dynamodb is not supported by Epoxy yet; supported: s3");
    }
}
