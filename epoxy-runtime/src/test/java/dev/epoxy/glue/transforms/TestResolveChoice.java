package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.transforms.TransformFixtures.frame;
import static dev.epoxy.glue.transforms.TransformFixtures.jsonLines;
import static dev.epoxy.glue.transforms.TransformFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.SparkTestBase;
import dev.epoxy.glue.StageContext;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestResolveChoice extends SparkTestBase {
    private static DynamicFrame input;

    @BeforeAll
    static void createInput() {
        input = frame(glueContext, List.of(
                record("id", 1L, "v", 10L, "s", record("x", 1L), "items", List.of(record("p", 1L))),
                record("id", 2L, "v", "20", "s", record("x", "one"), "items", List.of(record("p", "2"))),
                record("id", 3L, "v", "abc")));
    }

    private static DynamicFrame resolve(String specs, String choice) {
        return input.resolveChoice(specs, choice, null, null, "", null, 0, 0, null);
    }

    @Test
    void castTurnsEveryAlternativeIntoTheTypeAndUncastableValuesIntoNull() {
        DynamicFrame resolved = resolve("[[\"v\",\"cast:long\"]]", "");
        assertThat(resolved.schema().treeString()).contains("|-- v: long\n");
        assertThat(jsonLines(resolved.selectFields("[\"id\",\"v\"]", "", null, 0, 0)))
                .containsExactly("{\"id\":1,\"v\":10}", "{\"id\":2,\"v\":20}", "{\"id\":3}");
    }

    @Test
    void makeColsSplitsAChoiceIntoOneFieldPerType() {
        DynamicFrame resolved = resolve("[[\"v\",\"make_cols\"]]", "");
        assertThat(resolved.schema().fieldNames()).containsExactly("id", "v_long", "v_string", "s", "items");
        assertThat(jsonLines(resolved.selectFields("[\"v_long\",\"v_string\"]", "", null, 0, 0)))
                .containsExactly("{\"v_long\":10}", "{\"v_string\":\"20\"}", "{\"v_string\":\"abc\"}");
    }

    @Test
    void makeStructTurnsTheChoiceIntoAPlainStruct() {
        DynamicFrame resolved = resolve("[[\"v\",\"make_struct\"]]", "");
        assertThat(resolved.schema().treeString()).contains("|-- v: struct\n|    |-- long: long\n|    |-- string: string\n");
    }

    @Test
    void projectKeepsOnlyValuesOfTheType() {
        DynamicFrame resolved = resolve("[[\"v\",\"project:long\"]]", "");
        assertThat(jsonLines(resolved.selectFields("[\"id\",\"v\"]", "", null, 0, 0)))
                .containsExactly("{\"id\":1,\"v\":10}", "{\"id\":2}", "{\"id\":3}");
    }

    @Test
    void choiceAppliesToEveryChoiceNotInSpecsIncludingNestedAndArrayElements() {
        DynamicFrame resolved = resolve("[[\"v\",\"make_cols\"]]", "cast:string");
        assertThat(resolved.schema().treeString()).isEqualTo("""
                root
                |-- id: long
                |-- v_long: long
                |-- v_string: string
                |-- s: struct
                |    |-- x: string
                |-- items: array
                |    |-- element: struct
                |    |    |-- p: string
                """);
        assertThat(jsonLines(resolved.selectFields("[\"s\",\"items\"]", "", null, 0, 0)))
                .containsExactly("{\"s\":{\"x\":\"1\"},\"items\":[{\"p\":\"1\"}]}", "{\"s\":{\"x\":\"one\"},\"items\":[{\"p\":\"2\"}]}", "{}");
    }

    @Test
    void nestedAndArrayPathsInSpecs() {
        DynamicFrame resolved = resolve("[[\"s.x\",\"project:string\"],[\"items[].p\",\"cast:int\"]]", "");
        assertThat(resolved.schema().treeString()).contains("|    |-- x: string\n").contains("|    |    |-- p: int\n");
    }

    @Test
    void matchCatalogCastsEachChoiceToTheCatalogTypeOfItsPath() {
        StructType catalog = StructType.fromDDL("id bigint, V string, s struct<x: bigint>, items array<struct<p: int>>");
        DynamicFrame resolved = ResolveChoice.applyMatchingCatalog(input, "[]", catalog, StageContext.none());
        assertThat(resolved.schema().treeString()).contains("|-- v: string\n").contains("|    |-- x: long\n")
                .contains("|    |    |-- p: int\n");
        assertThat(jsonLines(resolved.selectFields("[\"id\",\"v\"]", "", null, 0, 0)))
                .containsExactly("{\"id\":1,\"v\":\"10\"}", "{\"id\":2,\"v\":\"20\"}", "{\"id\":3,\"v\":\"abc\"}");
    }

    @Test
    void matchCatalogLeavesChoicesTheTableDoesNotHave() {
        StructType catalog = new StructType().add("v", DataTypes.LongType);
        DynamicFrame resolved = ResolveChoice.applyMatchingCatalog(input, "[[\"s.x\",\"cast:string\"]]", catalog,
                StageContext.none());
        assertThat(resolved.schema().treeString()).contains("|-- v: long\n").contains("|    |-- x: string\n")
                .contains("|    |    |-- p: choice\n");
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> resolve("", "")).isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Parameter specs and option are both missing, add one.");
        assertThatThrownBy(() -> resolve("[[\"nope\",\"cast:long\"]]", "")).hasMessage("No such field for resolveChoice spec: nope");
        assertThatThrownBy(() -> resolve("", "match_catalog"))
                .hasMessage("ResolveChoice match_catalog needs database and table_name")
                .extracting(e -> ((GlueRuntimeException) e).kind()).isEqualTo(GlueRuntimeException.Kind.INVALID_INPUT);
        assertThatThrownBy(() -> resolve("[[\"v\",\"match_catalog\"]]", ""))
                .hasMessage("match_catalog is only a choice, not a spec action (spec v): pass choice=\"match_catalog\" with "
                        + "database and table_name");
        assertThatThrownBy(() -> resolve("[[\"v\",\"cast:nope\"]]", ""))
                .hasMessage("Invalid resolveChoice action 'cast:nope' in spec v: unknown type 'nope'");
    }
}
