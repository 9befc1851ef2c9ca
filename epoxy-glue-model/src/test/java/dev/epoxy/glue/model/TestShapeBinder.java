package dev.epoxy.glue.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

final class TestShapeBinder {
    private static final ObjectMapper JSON = GlueJson.newObjectMapper();
    private final ShapeBinder binder = new ShapeBinder(ServiceModel.glue());

    @Test
    void keepsExactlyTheModelsMembersRecursively() throws Exception {
        JsonNode input = JSON.readTree("""
                {"Name": "orders", "Bogus": 1, "Owner": null,
                 "StorageDescriptor": {"Location": "s3://b/p", "Extra": {"x": 1},
                   "Columns": [{"Name": "id", "Type": "int", "Nope": true}, null],
                   "SerdeInfo": {"Parameters": {"field.delim": ",", "dropped": null}}},
                 "Parameters": {"classification": "json"}}
                """);

        JsonNode projected = binder.project("TableInput", input);

        assertThat(projected).isEqualTo(JSON.readTree("""
                {"Name": "orders",
                 "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "int"}], "Location": "s3://b/p",
                   "SerdeInfo": {"Parameters": {"field.delim": ","}}},
                 "Parameters": {"classification": "json"}}
                """));
    }

    @Test
    void projectingAnInputOntoItsStoredShapeKeepsTheSharedMembers() throws Exception {
        JsonNode viewInput = JSON.readTree("""
                {"Name": "v", "ViewDefinition": {"Definer": "arn:aws:iam::123456789012:role/x",
                   "Representations": [{"Dialect": "SPARK", "ViewOriginalText": "SELECT 1"}]}}
                """);

        JsonNode table = binder.project("Table", binder.project("TableInput", viewInput));

        assertThat(table).isEqualTo(viewInput);
        assertThat(binder.hasMember("Table", "CreateTime")).isTrue();
        assertThat(binder.hasMember("TableInput", "CreateTime")).isFalse();
    }

    @Test
    void timestampsBecomeEpochSeconds() throws Exception {
        JsonNode projected = binder.project("TableInput", JSON.readTree("{\"LastAccessTime\": \"2026-02-01T10:00:00.250Z\", \"LastAnalyzedTime\": 1700000000.5}"));

        assertThat(projected.get("LastAccessTime").decimalValue()).isEqualByComparingTo("1769940000.250");
        assertThat(projected.get("LastAnalyzedTime").decimalValue()).isEqualByComparingTo("1700000000.5");
    }

    @Test
    void valuesOfTheWrongTypeAreDropped() throws Exception {
        assertThat(binder.project("TableInput", JSON.readTree("{\"Name\": 5, \"Retention\": \"x\", \"PartitionKeys\": {}}"))).isEmpty();
        assertThat(binder.project("TableInput", JSON.readTree("[1]"))).isEmpty();
    }
}
