package dev.epoxy.server.http.catalog;

import static dev.epoxy.server.http.catalog.TestingCatalogEndpoint.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.glue.model.RequestValidator;
import dev.epoxy.glue.model.ServiceModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every member of {@code DatabaseInput}, {@code TableInput}, {@code PartitionInput}, {@code CreateCrawlerRequest} and
 * {@code UpdateCrawlerRequest}, fully populated from the model (nested structures, non-empty lists and maps), goes
 * through the real endpoint and store and comes back from the Get operations unchanged, in the member of the same name
 * of {@code Database}, {@code Table}, {@code Partition} and {@code Crawler}.
 * The walk below follows the model's shapes itself; it does not use the server's binder.
 */
final class TestCatalogRoundTrip {
    private static final ServiceModel MODEL = ServiceModel.glue();

    @TempDir
    Path home;

    private TestingCatalogEndpoint endpoint;
    private final ModelExamples examples = new ModelExamples(MODEL);

    @BeforeEach
    void start() {
        endpoint = TestingCatalogEndpoint.start(home);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
    }

    @Test
    void everyDatabaseInputMemberIsStored() throws Exception {
        ObjectNode input = examples.example("DatabaseInput").put("Name", "sales");
        endpoint.ok("CreateDatabase", object().set("DatabaseInput", input));

        JsonNode database = endpoint.ok("GetDatabase", object().put("Name", "sales")).get("Database");
        assertKeptEveryMember("DatabaseInput", "Database", input, database);
        assertThat(database.get("CatalogId").asText()).isEqualTo("123456789012");
        assertThat(database.get("CreateTime").isNumber()).isTrue();

        ObjectNode updated = examples.example("DatabaseInput").put("Name", "sales");
        assertThat(updated).isNotEqualTo(input);
        endpoint.ok("UpdateDatabase", object().put("Name", "sales").set("DatabaseInput", updated));
        JsonNode afterUpdate = endpoint.ok("GetDatabase", object().put("Name", "sales")).get("Database");
        assertKeptEveryMember("DatabaseInput", "Database", updated, afterUpdate);
        assertThat(afterUpdate.get("CreateTime")).isEqualTo(database.get("CreateTime"));
    }

    @Test
    void everyTableInputMemberIsStoredInEveryVersion() throws Exception {
        endpoint.ok("CreateDatabase", object().set("DatabaseInput", object().put("Name", "sales")));
        ObjectNode first = examples.example("TableInput").put("Name", "orders");
        ObjectNode create = object().put("DatabaseName", "sales");
        create.set("TableInput", first);
        new RequestValidator(MODEL).validate("CreateTable", create);
        endpoint.ok("CreateTable", create);

        JsonNode table = endpoint.ok("GetTable", object().put("DatabaseName", "sales").put("Name", "orders")).get("Table");
        assertKeptEveryMember("TableInput", "Table", first, table);
        assertThat(table.get("DatabaseName").asText()).isEqualTo("sales");
        assertThat(table.get("VersionId").asText()).isEqualTo("0");
        JsonNode listed = endpoint.ok("GetTables", object().put("DatabaseName", "sales")).get("TableList");
        assertThat(listed).hasSize(1);
        assertKeptEveryMember("TableInput", "Table", first, listed.get(0));

        ObjectNode second = examples.example("TableInput").put("Name", "orders");
        ObjectNode update = object().put("DatabaseName", "sales");
        update.set("TableInput", second);
        endpoint.ok("UpdateTable", update);

        JsonNode updated = endpoint.ok("GetTable", object().put("DatabaseName", "sales").put("Name", "orders")).get("Table");
        assertKeptEveryMember("TableInput", "Table", second, updated);
        assertThat(updated.get("VersionId").asText()).isEqualTo("1");
        assertThat(updated.get("CreateTime")).isEqualTo(table.get("CreateTime"));
        JsonNode versions = endpoint.ok("GetTableVersions", object().put("DatabaseName", "sales").put("TableName", "orders")).get("TableVersions");
        assertThat(versions).extracting(version -> version.get("VersionId").asText()).containsExactly("1", "0");
        assertKeptEveryMember("TableInput", "Table", second, versions.get(0).get("Table"));
        assertKeptEveryMember("TableInput", "Table", first, versions.get(1).get("Table"));
    }

    @Test
    void everyPartitionInputMemberIsStored() throws Exception {
        endpoint.ok("CreateDatabase", object().set("DatabaseInput", object().put("Name", "sales")));
        ObjectNode table = object().put("Name", "orders");
        table.putArray("PartitionKeys").addObject().put("Name", "year").put("Type", "string");
        endpoint.ok("CreateTable", object().put("DatabaseName", "sales").set("TableInput", table));

        ObjectNode input = examples.example("PartitionInput");
        input.putArray("Values").add("2026");
        ObjectNode create = object().put("DatabaseName", "sales").put("TableName", "orders");
        create.set("PartitionInput", input);
        new RequestValidator(MODEL).validate("CreatePartition", create);
        endpoint.ok("CreatePartition", create);

        ObjectNode get = object().put("DatabaseName", "sales").put("TableName", "orders");
        get.putArray("PartitionValues").add("2026");
        JsonNode partition = endpoint.ok("GetPartition", get).get("Partition");
        assertKeptEveryMember("PartitionInput", "Partition", input, partition);
        JsonNode listed = endpoint.ok("GetPartitions", object().put("DatabaseName", "sales").put("TableName", "orders")).get("Partitions");
        assertThat(listed).hasSize(1);
        assertKeptEveryMember("PartitionInput", "Partition", input, listed.get(0));
    }

    @Test
    void everyCreateCrawlerAndUpdateCrawlerMemberIsStored() throws Exception {
        ObjectNode create = crawlerRequest("CreateCrawlerRequest");
        new RequestValidator(MODEL).validate("CreateCrawler", create);
        endpoint.ok("CreateCrawler", create);

        JsonNode crawler = endpoint.ok("GetCrawler", object().put("Name", "crawler")).get("Crawler");
        assertKeptEveryCrawlerMember("CreateCrawlerRequest", create, crawler);
        assertThat(crawler.get("State").asText()).isEqualTo("READY");
        assertThat(crawler.get("Version").asLong()).isEqualTo(1);
        assertThat(crawler.get("CreationTime").isNumber()).isTrue();
        assertThat(crawler.has("LastCrawl")).isFalse();
        // Tags are not a member of Crawler: they are the crawler's ARN's.
        JsonNode tags = endpoint.ok("GetTags", object().put("ResourceArn", "arn:aws:glue:us-east-1:123456789012:crawler/crawler")).get("Tags");
        assertThat(tags).isEqualTo(create.get("Tags"));
        JsonNode listed = endpoint.ok("GetCrawlers", object()).get("Crawlers");
        assertThat(listed).hasSize(1);
        assertKeptEveryCrawlerMember("CreateCrawlerRequest", create, listed.get(0));
        ObjectNode batch = object();
        batch.putArray("CrawlerNames").add("crawler");
        JsonNode batched = endpoint.ok("BatchGetCrawlers", batch).get("Crawlers");
        assertThat(batched).hasSize(1);
        assertKeptEveryCrawlerMember("CreateCrawlerRequest", create, batched.get(0));

        ObjectNode update = crawlerRequest("UpdateCrawlerRequest");
        new RequestValidator(MODEL).validate("UpdateCrawler", update);
        assertThat(update.get("Targets")).isNotEqualTo(create.get("Targets"));
        endpoint.ok("UpdateCrawler", update);

        JsonNode updated = endpoint.ok("GetCrawler", object().put("Name", "crawler")).get("Crawler");
        assertKeptEveryCrawlerMember("UpdateCrawlerRequest", update, updated);
        assertThat(updated.get("Version").asLong()).isEqualTo(2);
        assertThat(updated.get("CreationTime")).isEqualTo(crawler.get("CreationTime"));
    }

    /**
     * A fully populated crawler request named {@code crawler} in the server's catalog, with S3 paths
     * (the one member whose form the model does not say and the server checks).
     */
    private ObjectNode crawlerRequest(String shape) {
        ObjectNode request = examples.example(shape).put("Name", "crawler").put("CatalogId", "123456789012");
        int index = 0;
        for (JsonNode target : request.path("Targets").path("S3Targets")) {
            ((ObjectNode) target).put("Path", "s3://bucket/" + target.get("Path").asText() + "/" + (index++) + "/");
        }
        assertThat(index).isPositive();
        return request;
    }

    /**
     * Every member of the request is in Glue's {@code Crawler} with the same value, but Tags (the ARN's) and
     * Schedule, whose cron expression becomes the {@code Schedule} structure's ScheduleExpression.
     */
    private static void assertKeptEveryCrawlerMember(String requestShape, ObjectNode request, JsonNode crawler) {
        ObjectNode members = request.deepCopy();
        members.remove("Tags");
        String schedule = members.remove("Schedule").asText();
        assertKeptEveryMember(requestShape, "Crawler", members, crawler);
        assertThat(crawler.get("Schedule")).isEqualTo(object().put("ScheduleExpression", schedule).put("State", "NOT_SCHEDULED"));
    }

    /** Every member of {@code input} is in {@code output} with the same value; and every input member has a namesake in the output shape. */
    private static void assertKeptEveryMember(String inputShape, String outputShape, JsonNode input, JsonNode output) {
        List<String> withoutNamesake = new ArrayList<>();
        compare(inputShape, outputShape, input, output, inputShape, withoutNamesake);
        assertThat(withoutNamesake).as("input members the output shape does not define").isEmpty();
    }

    private static void compare(String inputShape, String outputShape, JsonNode input, JsonNode output, String path, List<String> withoutNamesake) {
        assertThat(output).as("member %s in the answer", path).isNotNull();
        JsonNode inShape = MODEL.shape(inputShape);
        JsonNode outShape = MODEL.shape(outputShape);
        switch (inShape.path("type").asText()) {
            case "structure" -> {
                Iterator<Map.Entry<String, JsonNode>> members = input.fields();
                while (members.hasNext()) {
                    Map.Entry<String, JsonNode> member = members.next();
                    JsonNode outMember = outShape.path("members").get(member.getKey());
                    if (outMember == null) {
                        withoutNamesake.add(path + "." + member.getKey());
                        continue;
                    }
                    compare(inShape.path("members").path(member.getKey()).path("shape").asText(), outMember.path("shape").asText(),
                            member.getValue(), output.get(member.getKey()), path + "." + member.getKey(), withoutNamesake);
                }
            }
            case "list" -> {
                assertThat(output.size()).as("size of %s", path).isEqualTo(input.size());
                for (int i = 0; i < input.size(); i++) {
                    compare(inShape.path("member").path("shape").asText(), outShape.path("member").path("shape").asText(),
                            input.get(i), output.get(i), path + "[" + i + "]", withoutNamesake);
                }
            }
            case "map" -> {
                assertThat(output.size()).as("size of %s", path).isEqualTo(input.size());
                Iterator<Map.Entry<String, JsonNode>> entries = input.fields();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    compare(inShape.path("value").path("shape").asText(), outShape.path("value").path("shape").asText(),
                            entry.getValue(), output.get(entry.getKey()), path + "{" + entry.getKey() + "}", withoutNamesake);
                }
            }
            default -> {
                if (input.isNumber()) {
                    assertThat(output.decimalValue()).as("value of %s", path).isEqualByComparingTo(input.decimalValue());
                }
                else {
                    assertThat(output).as("value of %s", path).isEqualTo(input);
                }
            }
        }
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
