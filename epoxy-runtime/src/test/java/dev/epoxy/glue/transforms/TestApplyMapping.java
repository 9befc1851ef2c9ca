package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.transforms.TransformFixtures.frame;
import static dev.epoxy.glue.transforms.TransformFixtures.jsonLines;
import static dev.epoxy.glue.transforms.TransformFixtures.record;
import static dev.epoxy.glue.transforms.TransformFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.SparkTestBase;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TestApplyMapping extends SparkTestBase {
    private static String mappings(String... tuples) {
        return "[" + String.join(",", tuples) + "]";
    }

    @Test
    void castsRenamesAndKeepsOnlyMappedFieldsInMappingOrder() {
        List<Map<String, Object>> input = List.of(
                record("id", "1", "amount", "12.345", "day", "2026-01-02", "flag", "true", "dropped", "x"),
                record("id", "2", "amount", "3", "day", "2026-02-03", "flag", "false", "dropped", "y"));
        DynamicFrame mapped = frame(glueContext, input).applyMapping(mappings(
                "[\"day\",\"string\",\"order_day\",\"Date\"]",
                "[\"id\",\"string\",\"id\",\"BIGINT\"]",
                "[\"amount\",\"string\",\"amount\",\"decimal(10,2)\"]",
                "[\"flag\",\"string\",\"flag\",\"boolean\"]"), false, "ctx", null, 0, 0);

        assertThat(mapped.schema().treeString()).isEqualTo("""
                root
                |-- order_day: date
                |-- id: long
                |-- amount: decimal
                |-- flag: boolean
                """);
        List<Row> rows = new ArrayList<>(mapped.toDF().orderBy("id").collectAsList());
        for (int i = 0; i < input.size(); i++) {
            Map<String, Object> source = input.get(i);
            Row row = rows.get(i);
            assertThat(row.getDate(0)).isEqualTo(Date.valueOf((String) source.get("day")));
            assertThat(row.getLong(1)).isEqualTo(Long.parseLong((String) source.get("id")));
            assertThat(row.getDecimal(2)).isEqualByComparingTo(new BigDecimal((String) source.get("amount")).setScale(2, java.math.RoundingMode.HALF_UP));
            assertThat(row.getBoolean(3)).isEqualTo(Boolean.parseBoolean((String) source.get("flag")));
        }
        assertThat(mapped.errorsCount()).isZero();
    }

    @Test
    void uncastableValuesBecomeErrorRecordsAndAreDropped() {
        DynamicFrame mapped = frame(glueContext, List.of(
                        record("id", "1", "day", "2026-01-02"),
                        record("id", "abc", "day", "2026-01-03"),
                        record("id", "3", "day", "2026-13-45"),
                        record("id", null, "day", null)))
                .applyMapping(mappings("[\"id\",\"string\",\"id\",\"long\"]", "[\"day\",\"string\",\"day\",\"date\"]"),
                        false, "map_ctx", null, 0, 0);

        assertThat(jsonLines(mapped)).containsExactly("{\"id\":1,\"day\":\"2026-01-02\"}", "{}");
        assertThat(mapped.errorsCount()).isEqualTo(2);
        assertThat(mapped.stageErrorsCount()).isEqualTo(2);
        List<String> messages = mapped.errorsAsDynamicFrame().toDF().selectExpr("error.msg").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList().stream().sorted().toList();
        assertThat(messages).containsExactly(
                "ApplyMapping ('day', 'string', 'day', 'date'): cannot cast 2026-13-45 to date",
                "ApplyMapping ('id', 'string', 'id', 'long'): cannot cast abc to long");
    }

    @Test
    void uncastableValuesAreErrorRecordsEvenInAnsiMode() {
        spark.conf().set("spark.sql.ansi.enabled", "true");
        try {
            DynamicFrame mapped = frame(glueContext, List.of(record("id", "1"), record("id", "x")))
                    .applyMapping(mappings("[\"id\",\"string\",\"id\",\"int\"]"), false, "", null, 0, 0);
            assertThat(jsonLines(mapped)).containsExactly("{\"id\":1}");
            assertThat(mapped.errorsCount()).isEqualTo(1);
        } finally {
            spark.conf().set("spark.sql.ansi.enabled", "false");
        }
    }

    @Test
    void nestsAndUnnestsPathsAndQuotesDottedNames() {
        DynamicFrame mapped = frame(glueContext, List.of(
                        record("address", record("state", "WA", "zip", 98101L), "a.b", "dotted", "name", "n")))
                .applyMapping(mappings(
                        "[\"address.state\",\"string\",\"state\",\"string\"]",
                        "[\"`a.b`\",\"string\",\"plain\",\"string\"]",
                        "[\"name\",\"string\",\"person.name\",\"string\"]",
                        "[\"address.zip\",\"long\",\"person.zip\",\"string\"]"), false, "", null, 0, 0);

        assertThat(mapped.schema().treeString()).isEqualTo("""
                root
                |-- state: string
                |-- plain: string
                |-- person: struct
                |    |-- name: string
                |    |-- zip: string
                """);
        assertThat(jsonLines(mapped)).containsExactly("{\"state\":\"WA\",\"plain\":\"dotted\",\"person\":{\"name\":\"n\",\"zip\":\"98101\"}}");
    }

    @Test
    void castsWhicheverAlternativeOfAChoiceIsPresent() {
        DynamicFrame input = frame(glueContext, List.of(record("price", 10L), record("price", "12"), record("price", "n/a")));
        assertThat(input.schema().treeString()).contains("|-- price: choice");

        DynamicFrame mapped = input.applyMapping(mappings("[\"price\",\"choice\",\"price\",\"int\"]"), false, "", null, 0, 0);

        assertThat(jsonLines(mapped)).containsExactly("{\"price\":10}", "{\"price\":12}");
        assertThat(mapped.errorsCount()).isEqualTo(1);
    }

    @Test
    void matchesSourceNamesIgnoringCaseUnlessCaseSensitive() {
        DynamicFrame input = frame(glueContext, List.of(record("Name", "x")));
        assertThat(jsonLines(input.applyMapping(mappings("[\"name\",\"string\",\"n\",\"string\"]"), false, "", null, 0, 0)))
                .containsExactly("{\"n\":\"x\"}");
        DynamicFrame sensitive = input.applyMapping(mappings("[\"name\",\"string\",\"n\",\"string\"]"), true, "", null, 0, 0);
        assertThat(sensitive.schema().fields()).isEmpty();
    }

    @Test
    void missingSourcePathProducesNoField() {
        DynamicFrame mapped = frame(glueContext, List.of(record("a", "1")))
                .applyMapping(mappings("[\"a\",\"string\",\"a\",\"int\"]", "[\"missing.x\",\"string\",\"b\",\"string\"]"), false, "", null, 0, 0);
        assertThat(mapped.schema().fieldNames()).containsExactly("a");
    }

    @Test
    void unknownTypeNamesTheMappingTuple() {
        DynamicFrame input = frame(glueContext, List.of(record("a", "1")));
        assertThatThrownBy(() -> input.applyMapping(mappings("[\"a\",\"string\",\"a\",\"varchar2\"]"), false, "", null, 0, 0))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Invalid mapping ('a', 'string', 'a', 'varchar2'): unknown type 'varchar2'");
        assertThatThrownBy(() -> input.applyMapping(mappings("[\"a\"]"), false, "", null, 0, 0))
                .hasMessage("Mapping tuple must be of length 2, 3, or 4Got tuple of length 1: ('a')");
    }

    @Test
    void shortTuplesMapWithOrWithoutTargetType() {
        DynamicFrame mapped = frame(glueContext, List.of(record("a", "7", "b", "x")))
                .applyMapping(mappings("[\"a\",\"aa\",\"long\"]", "[\"b\",\"bb\"]"), false, "", null, 0, 0);
        assertThat(jsonLines(mapped)).containsExactly("{\"aa\":7,\"bb\":\"x\"}");
    }

    @Test
    void stageThresholdFailsWhenTooManyRecordsCannotBeCast() {
        DynamicFrame mapped = frame(glueContext, List.of(record("a", "x"), record("a", "y"), record("a", "1")))
                .applyMapping(mappings("[\"a\",\"string\",\"a\",\"long\"]"), false, "strict", stage("strict").callSite(), 1, 0);
        assertThatThrownBy(mapped::count)
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Stage strict produced 2 error records, more than its stageThreshold of 1");
    }
}
