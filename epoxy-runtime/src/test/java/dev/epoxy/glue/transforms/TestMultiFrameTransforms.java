package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.transforms.TransformFixtures.frame;
import static dev.epoxy.glue.transforms.TransformFixtures.jsonLines;
import static dev.epoxy.glue.transforms.TransformFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestMultiFrameTransforms extends SparkTestBase {
    @Test
    void joinKeepsAllFieldsAndPrefixesDuplicatesOfTheSecondFrame() {
        DynamicFrame persons = frame(glueContext, List.of(record("id", 1L, "zip", "a"), record("id", 2L, "zip", "b"))).withName("p");
        DynamicFrame members = frame(glueContext, List.of(record("pid", 1L, "zip", "z"), record("pid", 9L, "zip", "y"))).withName("m");
        DynamicFrame joined = persons.join("[\"id\"]", "[\"pid\"]", members, "", null, 0, 0);
        assertThat(joined.name()).isEqualTo("pm");
        assertThat(joined.schema().fieldNames()).containsExactly("id", "zip", "pid", ".zip");
        assertThat(jsonLines(joined)).containsExactly("{\"id\":1,\"zip\":\"a\",\"pid\":1,\".zip\":\"z\"}");
        assertThatThrownBy(() -> persons.join("[\"id\"]", "[]", members, "", null, 0, 0))
                .hasMessage("keys1 and keys2 must have the same length: [id] and []");
    }

    @Test
    void joinOfAFrameWithItselfWorks() {
        DynamicFrame frame = frame(glueContext, List.of(record("id", 1L), record("id", 2L)));
        assertThat(frame.join("[\"id\"]", "[\"id\"]", frame, "", null, 0, 0).count()).isEqualTo(2);
    }

    @Test
    void unionMergesSchemasIntoChoicesAndKeepsBothErrorLogs() {
        DynamicFrame first = frame(glueContext, List.of(record("id", 1L, "v", 1L))).applyMapping("[[\"id\",\"id\"],[\"v\",\"v\",\"int\"]]", false, "", null, 0, 0);
        DynamicFrame second = frame(glueContext, List.of(record("id", 2L, "v", "two", "w", true)));
        DynamicFrame union = first.union(second, "", null, 0, 0);
        assertThat(union.schema().treeString()).isEqualTo("""
                root
                |-- id: long
                |-- v: choice
                |    |-- int
                |    |-- string
                |-- w: boolean
                """);
        assertThat(jsonLines(union)).containsExactly("{\"id\":1,\"v\":1}", "{\"id\":2,\"v\":\"two\",\"w\":true}");
    }

    @Test
    void mergeReplacesSourceRecordsWhoseKeysAreStagedAndKeepsTheRest() {
        DynamicFrame source = frame(glueContext, List.of(record("id", 1L, "v", "old1"), record("id", 2L, "v", "old2"), record("id", 3L, "v", "old3")));
        DynamicFrame staging = frame(glueContext, List.of(record("id", 2L, "v", "new2", "extra", 1L), record("id", 4L, "v", "new4")));
        DynamicFrame merged = source.mergeDynamicFrames(staging, "[\"id\"]", "", "{}", null, 0, 0);
        assertThat(jsonLines(merged)).containsExactly(
                "{\"id\":1,\"v\":\"old1\"}", "{\"id\":2,\"v\":\"new2\",\"extra\":1}", "{\"id\":3,\"v\":\"old3\"}", "{\"id\":4,\"v\":\"new4\"}");
    }

    @Test
    void splitRowsAndSplitFields() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            records.add(record("id", i, "name", "n" + i));
        }
        DynamicFrame input = frame(glueContext, records);
        List<DynamicFrame> rows = input.splitRows("{\"id\": {\">=\": 3, \"!=\": 5}}", "a", "b", "", null, 0, 0);
        long expected = records.stream().filter(r -> (long) r.get("id") >= 3 && (long) r.get("id") != 5).count();
        assertThat(rows.get(0).name()).isEqualTo("a");
        assertThat(rows.get(0).count()).isEqualTo(expected);
        assertThat(rows.get(1).count()).isEqualTo(records.size() - expected);

        List<DynamicFrame> fields = input.splitFields("[\"name\"]", "names", "rest", "", null, 0, 0);
        assertThat(fields.get(0).schema().fieldNames()).containsExactly("name");
        assertThat(fields.get(1).schema().fieldNames()).containsExactly("id");
    }
}
