package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.transforms.TransformFixtures.frame;
import static dev.epoxy.glue.transforms.TransformFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TestRelationalize extends SparkTestBase {
    @Test
    void pivotsArraysRecursivelyWithJoinKeys() {
        DynamicFrame input = frame(glueContext, List.of(
                record("name", "A", "info", record("city", "X"), "links",
                        List.of(record("url", "u1", "tags", List.of("t1", "t2")), record("url", "u2", "tags", List.of()))),
                record("name", "B", "info", record("city", "Y"), "links", null)));
        List<DynamicFrame> frames = input.relationalize("root", "s3://staging/relationalize/", "{}", "", null, 0, 0);
        assertThat(frames).extracting(DynamicFrame::name).containsExactly("root", "root_links", "root_links_val_tags");

        DynamicFrame root = frames.get(0);
        assertThat(root.schema().fieldNames()).containsExactly("name", "info.city", "links");
        DynamicFrame links = frames.get(1);
        assertThat(links.schema().fieldNames()).containsExactly("id", "index", "links.val.url", "links.val.tags");
        DynamicFrame tags = frames.get(2);
        assertThat(tags.schema().fieldNames()).containsExactly("id", "index", "links.val.tags.val");

        Map<String, Object> keyByName = new HashMap<>();
        for (Row row : root.toDF().collectAsList()) {
            keyByName.put(row.getString(0), row.get(2));
        }
        assertThat(keyByName.get("B")).isNull();
        List<Row> linkRows = links.toDF().orderBy("index").collectAsList();
        assertThat(linkRows).extracting(row -> row.get(0)).containsOnly(keyByName.get("A"));
        assertThat(linkRows).extracting(row -> row.getString(2)).containsExactly("u1", "u2");
        Object firstLinkTags = linkRows.get(0).get(3);
        List<Row> tagRows = tags.toDF().orderBy("index").collectAsList();
        assertThat(tagRows).extracting(row -> row.get(0)).containsOnly(firstLinkTags);
        assertThat(tagRows).extracting(row -> row.getString(2)).containsExactly("t1", "t2");
    }

    @Test
    void stagingPathIsRequired() {
        DynamicFrame input = frame(glueContext, List.of(record("a", 1L)));
        assertThatThrownBy(() -> input.relationalize("root", "", "{}", "", null, 0, 0)).hasMessage("staging_path must not be empty");
        assertThat(input.relationalize("root", "s3://staging/x/", "{}", "", null, 0, 0)).hasSize(1);
    }
}
