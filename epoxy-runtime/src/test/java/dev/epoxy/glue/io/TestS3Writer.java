package dev.epoxy.glue.io;

import static dev.epoxy.glue.io.IoFixtures.paths;
import static dev.epoxy.glue.io.IoFixtures.pathsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DataSink;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.SparkTestBase;
import dev.epoxy.glue.types.AtomicType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestS3Writer extends SparkTestBase {
    private static final List<String> REGIONS = List.of("eu", "us", "ap");

    @TempDir
    Path dir;

    private static DynamicFrame orders(int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create((long) i, REGIONS.get(i % REGIONS.size()), "order, \"" + i + "\""));
        }
        Dataset<Row> df = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, true),
                DataTypes.createStructField("region", DataTypes.StringType, true),
                DataTypes.createStructField("note", DataTypes.StringType, true))));
        return DynamicFrame.fromDF(df, glueContext, "orders");
    }

    private DynamicFrame write(DynamicFrame frame, String connectionOptions, String format, String formatOptions) {
        DataSink sink = glueContext.getSink("s3", connectionOptions, "");
        sink.setFormat(format, formatOptions);
        return sink.writeDynamicFrame(frame);
    }

    private DynamicFrame readBack(Path path, String format, String formatOptions) {
        return IoFixtures.read(glueContext, pathsWith(path, "\"recurse\": true"), format, formatOptions);
    }

    private static Set<String> listNames(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void partitionKeysWriteHiveStyleDirectories() throws IOException {
        Path out = dir.resolve("by-region");
        DynamicFrame errors = write(orders(30), "{\"path\": \"" + out.toUri() + "\", \"partitionKeys\": [\"region\"]}", "parquet", "{}");
        assertThat(errors.getName()).isEqualTo("orders_errors");
        assertThat(errors.count()).isZero();
        Set<String> expected = REGIONS.stream().map(region -> "region=" + region).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listNames(out)).containsAll(expected);
        for (String region : REGIONS) {
            try (Stream<Path> files = Files.list(out.resolve("region=" + region))) {
                assertThat(files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"))).isTrue();
            }
        }
        DynamicFrame back = IoFixtures.read(glueContext, paths(out), "parquet", "{}");
        assertThat(back.count()).isEqualTo(30);
        assertThat(back.toDF().where("region = 'eu'").count()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "parquet", "glueparquet", "orc", "avro"})
    void everyFormatRoundTrips(String format) {
        Path out = dir.resolve(format);
        write(orders(12), "{\"path\": \"" + out.toUri() + "\"}", format, "{}");
        String readFormat = format.equals("glueparquet") ? "parquet" : format;
        DynamicFrame back = readBack(out, readFormat, format.equals("csv") ? "{\"withHeader\": true}" : "{}");
        assertThat(back.count()).isEqualTo(12);
        assertThat(back.toDF().where("note = 'order, \"7\"'").count()).isEqualTo(1);
        assertThat(back.schema().field("id").orElseThrow().type()).isEqualTo(AtomicType.LONG);
    }

    @Test
    void compressionAppliesToTheWrittenFiles() throws IOException {
        Path out = dir.resolve("gz");
        write(orders(5), "{\"path\": \"" + out.toUri() + "\", \"compression\": \"gzip\"}", "json", "{}");
        assertThat(listNames(out).stream().filter(name -> name.startsWith("part-"))).allMatch(name -> name.endsWith(".json.gz"));
        assertThat(readBack(out, "json", "{}").count()).isEqualTo(5);
    }

    @Test
    void csvHonoursWriteHeaderSeparatorAndQuoteChar() throws IOException {
        Path out = dir.resolve("csv-options");
        write(orders(3).coalesce(1), "{\"path\": \"" + out.toUri() + "\"}", "csv",
                "{\"writeHeader\": false, \"separator\": \";\", \"quoteChar\": \"'\"}");
        Path part;
        try (Stream<Path> files = Files.list(out)) {
            part = files.filter(file -> file.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(part);
        assertThat(lines).containsExactly("0;eu;order, \"0\"", "1;us;order, \"1\"", "2;ap;order, \"2\"");
    }

    @Test
    void choicesAreWrittenAsTheirValueInJson() throws IOException {
        Path in = dir.resolve("mixed.json");
        Files.write(in, List.of("{\"v\": 1}", "{\"v\": \"x\"}"));
        DynamicFrame mixed = readBack(in, "json", "{}");
        Path out = dir.resolve("mixed-out");
        write(mixed.coalesce(1), "{\"path\": \"" + out.toUri() + "\"}", "json", "{}");
        assertThat(readBack(out, "json", "{}").toDF().select("v").collectAsList())
                .extracting(row -> row.getString(0)).containsExactlyInAnyOrder("1", "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "parquet", "orc", "avro"})
    void fieldsNullInEveryRecordDoNotFailTheWrite(String format) throws IOException {
        Path in = dir.resolve("nulls.json");
        Files.write(in, List.of("{\"id\": 1, \"gone\": null, \"nested\": {\"x\": null}, \"list\": [null]}", "{\"id\": 2}"));
        DynamicFrame frame = readBack(in, "json", "{}");
        assertThat(frame.schema().field("gone").orElseThrow().type()).isEqualTo(AtomicType.NULL);
        Path out = dir.resolve("nulls-" + format);
        write(frame, "{\"path\": \"" + out.toUri() + "\"}", format, "{}");
        assertThat(readBack(out, format, format.equals("csv") ? "{\"withHeader\": true}" : "{}").count()).isEqualTo(2);
    }

    @Test
    void csvWithoutQuotingWritesValuesRaw() throws IOException {
        Path out = dir.resolve("raw-csv");
        write(orders(1).coalesce(1), "{\"path\": \"" + out.toUri() + "\"}", "csv", "{\"writeHeader\": false, \"quoteChar\": -1}");
        Path part;
        try (Stream<Path> files = Files.list(out)) {
            part = files.filter(file -> file.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(part)).containsExactly("0,eu,order, \"0\"");
    }

    @Test
    void unknownPartitionKeyAndMissingPathAreRejected() {
        assertThatThrownBy(() -> write(orders(1), "{\"path\": \"" + dir.toUri() + "\", \"partitionKeys\": [\"country\"]}", "json", "{}"))
                .hasMessage("partitionKeys column country is not in the frame; its columns are [id, region, note]");
        assertThatThrownBy(() -> write(orders(1), "{}", "json", "{}"))
                .hasMessage("connection_options must contain path, the s3:// output location");
    }

    @Test
    void purgeDeletesFilesOlderThanTheRetentionPeriod() throws IOException {
        Path out = dir.resolve("purge");
        write(orders(4), "{\"path\": \"" + out.toUri() + "\", \"partitionKeys\": [\"region\"]}", "json", "{}");
        glueContext.purgeS3Path(out.toUri().toString(), "{}", "");
        assertThat(readBack(out, "json", "{}").count()).isEqualTo(4);
        Path manifest = dir.resolve("manifest");
        glueContext.purgeS3Path(out.toUri().toString(), "{\"retentionPeriod\": 0, \"manifestFilePath\": \"" + manifest.toUri() + "\"}", "");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        List<String> deleted = Files.readAllLines(manifest.resolve("Success.csv"));
        assertThat(deleted).anyMatch(line -> line.endsWith("/_SUCCESS"));
        assertThat(deleted.stream().filter(line -> line.contains("/part-"))).isNotEmpty().allMatch(line -> line.contains("/region="));
        assertThat(Files.readAllLines(manifest.resolve("Failed.csv"))).isEmpty();
    }
}
