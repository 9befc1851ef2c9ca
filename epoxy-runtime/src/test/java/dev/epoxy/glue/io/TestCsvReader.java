package dev.epoxy.glue.io;

import static dev.epoxy.glue.io.IoFixtures.paths;
import static dev.epoxy.glue.io.IoFixtures.pathsWith;
import static dev.epoxy.glue.types.AtomicType.DOUBLE;
import static dev.epoxy.glue.types.AtomicType.LONG;
import static dev.epoxy.glue.types.AtomicType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.SparkTestBase;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCsvReader extends SparkTestBase {
    @TempDir
    Path dir;

    private DynamicFrame read(Path file, String formatOptions) {
        return IoFixtures.read(glueContext, paths(file), "csv", formatOptions);
    }

    @Test
    void mostlyNumericColumnWithSomeStringsBecomesChoiceOfLongAndString() throws IOException {
        List<String> lines = new ArrayList<>(List.of("provider id,name,price"));
        int badIds = 0;
        for (int i = 0; i < 50; i++) {
            String id = i % 17 == 5 ? "ID-" + i : String.valueOf(10000 + i);
            badIds += id.startsWith("ID-") ? 1 : 0;
            lines.add(id + ",name " + i + "," + (i % 2 == 0 ? String.valueOf(i) : i + ".5"));
        }
        Path file = dir.resolve("providers.csv");
        Files.write(file, lines);
        DynamicFrame frame = read(file, "{\"withHeader\": true}");
        assertThat(frame.schema()).isEqualTo(StructType.of(
                new Field("provider id", ChoiceType.of(LONG, STRING)),
                new Field("name", STRING),
                new Field("price", ChoiceType.of(DOUBLE, LONG))));
        assertThat(frame.count()).isEqualTo(50);
        long strings = frame.toDF().where("`provider id`.string is not null").count();
        long longs = frame.toDF().where("`provider id`.long is not null").count();
        assertThat(strings).isEqualTo(badIds);
        assertThat(longs).isEqualTo(50 - badIds);
        assertThat(frame.schema().treeString()).startsWith("root\n|-- provider id: choice\n|    |-- long\n|    |-- string\n");
    }

    @Test
    void withoutHeaderColumnsAreNamedColNAndSkipFirstDropsTheFirstLine() throws IOException {
        Path file = dir.resolve("plain.csv");
        Files.write(file, List.of("a|b", "1|x", "2|y"));
        DynamicFrame frame = read(file, "{\"separator\": \"|\"}");
        assertThat(frame.schema().fieldNames()).containsExactly("col0", "col1");
        assertThat(frame.count()).isEqualTo(3);
        DynamicFrame skipped = read(file, "{\"separator\": \"|\", \"skipFirst\": true}");
        assertThat(skipped.schema()).isEqualTo(StructType.of(new Field("col0", LONG), new Field("col1", STRING)));
        assertThat(skipped.count()).isEqualTo(2);
    }

    @Test
    void quoteCharEscaperAndMultiLineFollowTheFormatOptions() throws IOException {
        Path quoted = dir.resolve("quoted.csv");
        Files.writeString(quoted, "id,text\n1,'hello, world'\n2,'it\\'s'\n3,'two\nlines'\n");
        DynamicFrame frame = read(quoted, "{\"withHeader\": true, \"quoteChar\": \"'\", \"escaper\": \"\\\\\", \"multiLine\": true}");
        List<Row> rows = frame.toDF().orderBy("id").collectAsList();
        assertThat(rows).extracting(row -> row.getString(1)).containsExactly("hello, world", "it's", "two\nlines");

        Path unquoted = dir.resolve("unquoted.csv");
        Files.writeString(unquoted, "id,text\n1,\"a\"\n");
        DynamicFrame raw = read(unquoted, "{\"withHeader\": true, \"quoteChar\": -1}");
        assertThat(raw.toDF().first().getString(1)).isEqualTo("\"a\"");
    }

    @Test
    void bzip2FilesAreReadWithAndWithoutExtension() throws IOException {
        List<String> lines = List.of("id,name", "1,a", "2,b", "3,c");
        Path named = dir.resolve("rows.csv.bz2");
        Path unnamed = dir.resolve("rows-bzipped");
        for (Path file : List.of(named, unnamed)) {
            org.apache.hadoop.io.compress.BZip2Codec codec = new org.apache.hadoop.io.compress.BZip2Codec();
            codec.setConf(new org.apache.hadoop.conf.Configuration());
            try (java.io.OutputStream out = codec.createOutputStream(Files.newOutputStream(file))) {
                out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(read(named, "{\"withHeader\": true}").count()).isEqualTo(3);
        DynamicFrame frame = IoFixtures.read(glueContext, pathsWith(unnamed, "\"compressionType\": \"bzip2\""), "csv",
                "{\"withHeader\": true}");
        assertThat(frame.schema()).isEqualTo(StructType.of(new Field("id", LONG), new Field("name", STRING)));
        assertThat(frame.count()).isEqualTo(3);
    }

    @Test
    void emptyValuesAreNullAndDoNotCreateChoices() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.write(file, List.of("id,qty", "1,", "2,5"));
        DynamicFrame frame = read(file, "{\"withHeader\": true}");
        assertThat(frame.schema()).isEqualTo(StructType.of(new Field("id", LONG), new Field("qty", LONG)));
        assertThat(frame.toDF().where("qty is null").count()).isEqualTo(1);
    }
}
