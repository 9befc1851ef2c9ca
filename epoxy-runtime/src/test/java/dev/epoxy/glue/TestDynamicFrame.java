package dev.epoxy.glue;

import static dev.epoxy.glue.types.AtomicType.LONG;
import static dev.epoxy.glue.types.AtomicType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.record.ParsedRecord;
import dev.epoxy.glue.record.RecordFrames;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class TestDynamicFrame extends SparkTestBase {
    private static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** Records with id and a value that is a long for even ids and a string for odd ids, plus {@code errors} failures. */
    private static DynamicFrame mixedFrame(int records, int errors, StageContext stage) {
        List<ParsedRecord> input = new ArrayList<>();
        for (long i = 0; i < records; i++) {
            input.add(ParsedRecord.of(record("id", i, "value", i % 2 == 0 ? (Object) i : "v" + i)));
        }
        for (int i = 0; i < errors; i++) {
            input.add(ParsedRecord.error("bad record " + i, null, "input " + i, null));
        }
        return RecordFrames.fromRecords(glueContext, new JavaSparkContext(spark.sparkContext()).parallelize(input, 2),
                Optional.empty(), "mixed", stage, "test");
    }

    @Test
    void recordsThatDisagreeGetAChoiceAndToDFShowsItAsStruct() {
        DynamicFrame frame = mixedFrame(10, 0, StageContext.none());
        assertThat(frame.schema()).isEqualTo(StructType.of(new Field("id", LONG), new Field("value", ChoiceType.of(LONG, STRING))));
        assertThat(frame.count()).isEqualTo(10);
        Dataset<Row> df = frame.toDF();
        assertThat(df.schema().apply("value").dataType().catalogString()).isEqualTo("struct<long:bigint,string:string>");
        assertThat(df.schema().apply("value").metadata().json()).isEqualTo("{}");
        for (Row row : df.collectAsList()) {
            long id = row.getLong(0);
            Row value = row.getStruct(1);
            if (id % 2 == 0) {
                assertThat(value.get(0)).isEqualTo(id);
                assertThat(value.isNullAt(1)).isTrue();
            } else {
                assertThat(value.isNullAt(0)).isTrue();
                assertThat(value.getString(1)).isEqualTo("v" + id);
            }
        }
    }

    @Test
    void fromDFOfToDFSeesAPlainStruct() {
        DynamicFrame frame = DynamicFrame.fromDF(mixedFrame(4, 0, StageContext.none()).toDF(), glueContext, "again");
        assertThat(frame.schema().field("value").orElseThrow().type())
                .isEqualTo(StructType.of(new Field("long", LONG), new Field("string", STRING)));
        assertThat(frame.getName()).isEqualTo("again");
    }

    @Test
    void printSchemaAndSchemaJsonDescribeTheChoice() {
        DynamicFrame frame = mixedFrame(4, 0, StageContext.none());
        assertThat(frame.schema().treeString()).isEqualTo("root\n|-- id: long\n|-- value: choice\n|    |-- long\n|    |-- string\n");
        assertThat(frame.schemaJson()).contains("\"choices\":[{\"dataType\":\"long\"");
    }

    @Test
    void showPrintsRecordsAsJsonWithTheValueOfTheChoice() {
        DynamicFrame frame = mixedFrame(2, 0, StageContext.none()).coalesce(1);
        assertThat(frame.showString(5)).isEqualTo("{\"id\":0,\"value\":0}\n{\"id\":1,\"value\":\"v1\"}\n");
        assertThat(frame.showString(1)).isEqualTo("{\"id\":0,\"value\":0}\n");
    }

    @Test
    void errorRecordsAreCountedPerStageAndInTotalButNotInCount() {
        DynamicFrame read = mixedFrame(6, 3, StageContext.of("read"));
        assertThat(read.count()).isEqualTo(6);
        assertThat(read.errorsCount()).isEqualTo(3);
        assertThat(read.stageErrorsCount()).isEqualTo(3);
        DynamicFrame next = read.repartition(3);
        assertThat(next.getNumPartitions()).isEqualTo(3);
        assertThat(next.stageErrorsCount()).isZero();
        assertThat(next.errorsCount()).isEqualTo(3);
        Dataset<Row> errors = next.errorsAsDynamicFrame().toDF();
        assertThat(errors.columns()).containsExactly("error");
        assertThat(errors.select("error.msg").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrder("bad record 0", "bad record 1", "bad record 2");
        assertThat(errors.select("error.input").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrder("input 0", "input 1", "input 2");
        assertThat(next.errorsAsDynamicFrame().getName()).isEqualTo("mixed_errors");
    }

    @Test
    void stageThresholdExceededFailsNamingTheStage() {
        DynamicFrame read = mixedFrame(5, 3, StageContext.of("read_orders", CallSite.none(), 2, 0));
        assertThatThrownBy(read::assertErrorThreshold)
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Stage read_orders produced 3 error records, more than its stageThreshold of 2");
        assertThatThrownBy(read::count).hasMessageContaining("stageThreshold of 2");
        mixedFrame(5, 2, StageContext.of("read_orders", CallSite.none(), 2, 0)).assertErrorThreshold();
    }

    @Test
    void totalThresholdCountsErrorsOfEarlierStages() {
        DynamicFrame read = mixedFrame(5, 3, StageContext.of("read"));
        DynamicFrame next = read.repartition(2, "repartitioned", CallSite.none(), 0, 2);
        assertThatThrownBy(next::assertErrorThreshold)
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Frames up to stage repartitioned hold 3 error records, more than its totalThreshold of 2");
        read.repartition(2, "ok", CallSite.none(), 0, 3).assertErrorThreshold();
    }

    @Test
    void toDFWithProjectKeepsOneAlternative() {
        DynamicFrame frame = mixedFrame(4, 0, StageContext.none());
        Dataset<Row> df = frame.toDF("[[\"value\", \"project:long\"]]");
        assertThat(df.schema().apply("value").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(df.where("value is not null").count()).isEqualTo(2);
        assertThatThrownBy(() -> frame.toDF("[[\"value\", \"project:double\"]]"))
                .hasMessage("Cannot project value to double: its choices are [long, string]");
    }

    @Test
    void withFrameSchemaReplacesTheReportedSchema() {
        DynamicFrame frame = mixedFrame(2, 0, StageContext.none());
        StructType declared = StructType.of(new Field("id", LONG), new Field("value", ChoiceType.of(LONG, STRING)),
                new Field("extra", STRING));
        assertThat(frame.pyWithFrameSchema(declared.json()).schema()).isEqualTo(declared);
    }

    @Test
    void fromDFRejectsDuplicateColumns() {
        Dataset<Row> df = spark.sql("select 1 as a, 2 as a");
        assertThatThrownBy(() -> DynamicFrame.fromDF(df, glueContext, "dup"))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Duplicate column name in DataFrame: a; rename it before DynamicFrame.fromDF");
    }

    @Test
    void recordsEncodeEveryGlueTypeOfAKnownSchema() {
        StructType schema = StructType.of(
                new Field("scores", new dev.epoxy.glue.types.MapType(LONG)),
                new Field("kinds", new dev.epoxy.glue.types.SetType(STRING)),
                new Field("mode", new dev.epoxy.glue.types.EnumType(List.of("a", "b"))),
                new Field("price", new dev.epoxy.glue.types.DecimalType(7, 2)),
                new Field("day", dev.epoxy.glue.types.AtomicType.DATE),
                new Field("at", dev.epoxy.glue.types.AtomicType.TIMESTAMP),
                new Field("raw", dev.epoxy.glue.types.AtomicType.BINARY),
                new Field("mixed", new dev.epoxy.glue.types.ArrayType(ChoiceType.of(LONG, STRING))));
        Map<String, Object> input = record(
                "scores", record("x", 1L, "y", 2L),
                "kinds", List.of("k1", "k2"),
                "mode", "b",
                "price", new java.math.BigDecimal("12.50"),
                "day", java.time.LocalDate.of(2026, 2, 3),
                "at", java.time.Instant.parse("2026-02-03T04:05:06Z"),
                "raw", new byte[] {1, 2},
                "mixed", List.of(1L, "two"));
        DynamicFrame frame = RecordFrames.fromRecords(glueContext,
                new JavaSparkContext(spark.sparkContext()).parallelize(List.of(ParsedRecord.of(input)), 1),
                Optional.of(schema), "typed", StageContext.none(), "test");
        assertThat(frame.schema()).isEqualTo(schema);
        assertThat(frame.showString(1)).isEqualTo("{\"scores\":{\"x\":1,\"y\":2},\"kinds\":[\"k1\",\"k2\"],\"mode\":\"b\","
                + "\"price\":12.50,\"day\":\"2026-02-03\",\"at\":\"2026-02-03T04:05:06Z\",\"raw\":\"AQI=\",\"mixed\":[1,\"two\"]}\n");
        Row row = frame.toDF().first();
        assertThat(row.getJavaMap(0)).containsEntry("x", 1L).containsEntry("y", 2L);
        assertThat(row.getList(1)).containsExactly("k1", "k2");
        assertThat(row.getDecimal(3)).isEqualByComparingTo("12.50");
        assertThat(row.getDate(4)).isEqualTo(java.sql.Date.valueOf("2026-02-03"));
    }

    @Test
    void coalesceAndRepartitionRejectNonPositiveCounts() {
        DynamicFrame frame = mixedFrame(2, 0, StageContext.none());
        assertThat(frame.coalesce(1).getNumPartitions()).isEqualTo(1);
        assertThatThrownBy(() -> frame.repartition(0)).hasMessage("num_partitions must be positive: 0");
    }
}
