package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.transforms.TransformFixtures.frame;
import static dev.epoxy.glue.transforms.TransformFixtures.jsonLines;
import static dev.epoxy.glue.transforms.TransformFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFieldTransforms extends SparkTestBase {
    private static DynamicFrame people() {
        return frame(glueContext, List.of(record("id", 1L, "name", record("first", "A", "last", "B"),
                "friends", List.of(record("name", "C", "age", 3L)), "a.b", "dotted", "gone", null)));
    }

    @Test
    void dropFieldsReachesStructsArraysOfStructsAndBacktickedNames() {
        DynamicFrame dropped = people().dropFields("[\"name.first\",\"friends.age\",\"`a.b`\",\"missing\"]", "", null, 0, 0);
        assertThat(jsonLines(dropped)).containsExactly("{\"id\":1,\"name\":{\"last\":\"B\"},\"friends\":[{\"name\":\"C\"}]}");
    }

    @Test
    void selectFieldsKeepsListedFieldsInFrameOrder() {
        DynamicFrame selected = people().selectFields("[\"`a.b`\",\"id\",\"name.last\"]", "", null, 0, 0);
        assertThat(selected.schema().fieldNames()).containsExactly("id", "name", "a.b");
        assertThat(jsonLines(selected)).containsExactly("{\"id\":1,\"name\":{\"last\":\"B\"},\"a.b\":\"dotted\"}");
    }

    @Test
    void renameFieldRenamesNestedAndDottedFields() {
        DynamicFrame renamed = people().renameField("name.first", "name.given", "", null, 0, 0)
                .renameField("`a.b`", "ab", "", null, 0, 0);
        assertThat(renamed.schema().fieldNames()).containsExactly("id", "name", "friends", "ab", "gone");
        assertThat(jsonLines(renamed.selectFields("[\"name\"]", "", null, 0, 0)))
                .containsExactly("{\"name\":{\"given\":\"A\",\"last\":\"B\"}}");
    }

    @Test
    void dropNullFieldsDropsNullTypedFieldsAtEveryLevel() {
        DynamicFrame input = frame(glueContext, List.of(record("a", 1L, "n", null, "s", record("x", 1L, "y", null),
                "arr", List.of(record("k", 1L, "z", null)), "nulls", java.util.Arrays.asList((Object) null))));
        DynamicFrame cleaned = input.dropNullFields("", null, 0, 0);
        assertThat(cleaned.schema().treeString()).isEqualTo("""
                root
                |-- a: long
                |-- s: struct
                |    |-- x: long
                |-- arr: array
                |    |-- element: struct
                |    |    |-- k: long
                |-- nulls: array
                |    |-- element: null
                """);
        DynamicFrame unchanged = frame(glueContext, List.of(record("a", 1L)));
        assertThat(unchanged.dropNullFields("", null, 0, 0).dataset()).isSameAs(unchanged.dataset());
    }

    @Test
    void unnestFlattensStructsButNotArrays() {
        DynamicFrame flat = people().unnest("", null, 0, 0);
        assertThat(flat.schema().fieldNames()).containsExactly("id", "name.first", "name.last", "friends", "a.b", "gone");
    }

    @Test
    void unboxParsesJsonIntoAStructAtTheSamePath() {
        DynamicFrame input = frame(glueContext, List.of(record("id", 1L, "p", "{\"a\": 1, \"b\": [\"x\"]}"), record("id", 2L, "p", "{\"a\": 2}")));
        DynamicFrame unboxed = input.unbox("p", "json", "{}", "", null, 0, 0);
        assertThat(unboxed.schema().treeString()).contains("|-- p: struct\n|    |-- a: long\n|    |-- b: array\n");
        assertThat(jsonLines(unboxed)).containsExactly("{\"id\":1,\"p\":{\"a\":1,\"b\":[\"x\"]}}", "{\"id\":2,\"p\":{\"a\":2}}");
    }

    @Test
    void dynamoDbJsonIsUnnestedAndSimplified() {
        DynamicFrame input = frame(glueContext, List.of(record("Item", record("id", record("S", "a"), "n", record("N", "5"),
                "m", record("M", record("c", record("S", "x")))))));
        assertThat(jsonLines(input.unnestDDBJson("", null, 0, 0)))
                .containsExactly("{\"id\":\"a\",\"n\":\"5\",\"m\":{\"c\":{\"S\":\"x\"}}}");
        assertThat(jsonLines(input.simplifyDDBJson()))
                .containsExactly("{\"Item\":{\"id\":\"a\",\"n\":\"5\",\"m\":{\"c\":\"x\"}}}");
    }

    @Test
    void spigotWritesTopKRecordsAsJsonLines(@TempDir Path directory) throws Exception {
        List<java.util.Map<String, Object>> records = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            records.add(record("id", i));
        }
        DynamicFrame input = frame(glueContext, records);
        Path target = directory.resolve("sample");
        DynamicFrame out = input.spigot(target.toString(), "{\"topk\": 5}", "", null, 0, 0);
        assertThat(out.count()).isEqualTo(20);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(target)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("part-")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        assertThat(lines).hasSize(5).allMatch(line -> line.matches("\\{\"id\":\\d+}"));
    }
}
