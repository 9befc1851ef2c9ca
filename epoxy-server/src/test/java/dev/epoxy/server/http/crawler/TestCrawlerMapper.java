package dev.epoxy.server.http.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.crawler.CrawlOutcome;
import dev.epoxy.core.crawler.CrawlStatus;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.core.crawler.DeleteBehavior;
import dev.epoxy.core.crawler.JdbcTarget;
import dev.epoxy.core.crawler.LastCrawl;
import dev.epoxy.core.crawler.RecrawlBehavior;
import dev.epoxy.core.crawler.S3Target;
import dev.epoxy.core.crawler.SchemaChangePolicy;
import dev.epoxy.core.crawler.UpdateBehavior;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.ServiceModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCrawlerMapper {
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    private static final ObjectMapper JSON = GlueJson.newObjectMapper();

    private final CrawlerDocuments documents = new CrawlerDocuments(ServiceModel.glue());
    private final CrawlerMapper mapper = new CrawlerMapper(documents);

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    private static ObjectNode create(String targets) throws Exception {
        return json("{'Name': 'c', 'Role': 'role', 'DatabaseName': 'db', 'Targets': " + targets + ", 'Tags': {'a': '1'}}");
    }

    private CrawlerSpec specOf(ObjectNode request) {
        return mapper.specOf("c", documents.created(request));
    }

    @Test
    void createAppliesGluesDefaults() throws Exception {
        CrawlerSpec spec = specOf(create("{'S3Targets': [{'Path': 's3://b/raw/'}]}"));
        assertThat(spec.s3Targets()).containsExactly(new S3Target("s3://b/raw/", List.of(), Optional.empty()));
        assertThat(spec.uncrawledTargets()).isEmpty();
        assertThat(spec.schemaChangePolicy().updateBehavior()).isEqualTo(UpdateBehavior.UPDATE_IN_DATABASE);
        assertThat(spec.schemaChangePolicy().deleteBehavior()).isEqualTo(DeleteBehavior.DEPRECATE_IN_DATABASE);
        assertThat(spec.recrawlBehavior()).isEqualTo(RecrawlBehavior.CRAWL_EVERYTHING);
        // The name is the crawler's key and the tags live under its ARN: neither is in the definition.
        assertThat(JSON.readTree(spec.document().orElseThrow())).isEqualTo(json("{'DatabaseName': 'db', 'Role': 'role', 'Targets': {'S3Targets': [{'Path': 's3://b/raw/'}]}}"));

        JsonNode wire = mapper.toWire(Crawler.created("c", spec, NOW), NOW);
        assertThat(wire.get("Name").asText()).isEqualTo("c");
        assertThat(wire.get("SchemaChangePolicy")).isEqualTo(json("{'UpdateBehavior': 'UPDATE_IN_DATABASE', 'DeleteBehavior': 'DEPRECATE_IN_DATABASE'}"));
        assertThat(wire.get("RecrawlPolicy")).isEqualTo(json("{'RecrawlBehavior': 'CRAWL_EVERYTHING'}"));
        assertThat(wire.get("Classifiers")).isEmpty();
        assertThat(wire.get("Targets")).isEqualTo(json("{'CatalogTargets': [], 'DeltaTargets': [], 'DynamoDBTargets': [], 'HudiTargets': [], 'IcebergTargets': [], "
                + "'JdbcTargets': [], 'MongoDBTargets': [], 'S3Targets': [{'Path': 's3://b/raw/'}]}"));
        assertThat(wire.get("State").asText()).isEqualTo("READY");
        assertThat(wire.get("Version").asLong()).isEqualTo(1);
        assertThat(wire.get("CreationTime").decimalValue()).isEqualByComparingTo("1769940000");
        assertThat(wire.has("LastCrawl")).isFalse();
        assertThat(wire.has("CrawlElapsedTime")).isFalse();
        assertThat(wire.has("Tags")).isFalse();
    }

    @Test
    void badTargetsAreNamed() {
        assertThatThrownBy(() -> specOf(create("{'S3Targets': []}")))
                .isInstanceOf(EpoxyException.class).hasMessage("Targets must have at least one target");
        assertThatThrownBy(() -> specOf(create("{'S3Targets': [{'Path': '/local/path'}]}")))
                .hasMessage("Invalid S3Target Path: /local/path (expected s3://bucket/prefix)");
        assertThatThrownBy(() -> specOf(create("{'S3Targets': [{'Path': 's3://b/x/', 'SampleSize': 250}]}")))
                .hasMessage("Invalid SampleSize: 250 (1 to 249)")
                .satisfies(e -> assertThat(((EpoxyException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThatThrownBy(() -> mapper.specOf("c", documents.created(json("{'Name': 'c', 'Role': 'r', 'Targets': {'S3Targets': [{'Path': 's3://b/'}]}}"))))
                .hasMessage("DatabaseName is required: crawler c has no database to write tables to");
    }

    @Test
    void targetsThatAreNotCrawledAreKeptAndNamed() throws Exception {
        String targets = "{'HudiTargets': [{'Paths': ['s3://b/hudi/']}], "
                + "'DeltaTargets': [{'DeltaTables': ['s3://b/delta/'], 'WriteManifest': true}]}";
        CrawlerSpec spec = specOf(create(targets));
        assertThat(spec.s3Targets()).isEmpty();
        assertThat(spec.jdbcTargets()).isEmpty();
        // In the model's member order, whatever order the request used.
        assertThat(spec.uncrawledTargets()).containsExactly("DeltaTargets", "HudiTargets");

        JsonNode wire = mapper.toWire(Crawler.created("c", spec, NOW), NOW).get("Targets");
        assertThat(wire.get("HudiTargets")).isEqualTo(json(targets).get("HudiTargets"));
        assertThat(wire.get("DeltaTargets")).isEqualTo(json(targets).get("DeltaTargets"));
        assertThat(wire.get("S3Targets")).isEmpty();
    }

    @Test
    void jdbcTargetsAreCrawledAndKeptAsGiven() throws Exception {
        String targets = "{'JdbcTargets': [{'ConnectionName': 'pg', 'Path': 'sales/public/%', 'Exclusions': ['tmp_*'], 'EnableAdditionalMetadata': ['COMMENTS']},"
                + " {'ConnectionName': 'my', 'Path': 'shop/orders'}], 'S3Targets': [{'Path': 's3://b/raw/'}]}";
        CrawlerSpec spec = specOf(create(targets));
        assertThat(spec.jdbcTargets()).containsExactly(
                new JdbcTarget("pg", "sales/public/%", List.of("tmp_*"), List.of("COMMENTS")),
                new JdbcTarget("my", "shop/orders", List.of(), List.of()));
        assertThat(spec.s3Targets()).hasSize(1);
        assertThat(spec.uncrawledTargets()).isEmpty();
        JsonNode wire = mapper.toWire(Crawler.created("c", spec, NOW), NOW).get("Targets");
        assertThat(wire.get("JdbcTargets")).isEqualTo(json(targets).get("JdbcTargets"));

        assertThatThrownBy(() -> specOf(create("{'JdbcTargets': [{'Path': 'sales/%'}]}")))
                .hasMessage("JdbcTarget ConnectionName is required: the crawl reaches the database through that Glue connection");
        assertThatThrownBy(() -> specOf(create("{'JdbcTargets': [{'ConnectionName': 'pg'}]}")))
                .hasMessage("JdbcTarget Path is required (database/schema/table or database/table, % a wildcard), for connection pg");
    }

    @Test
    void updateReplacesOnlyWhatIsSentAndEmptyStringsRemove() throws Exception {
        ObjectNode created = json("{'Name': 'c', 'Role': 'role', 'DatabaseName': 'db', 'Description': 'text', "
                + "'Targets': {'S3Targets': [{'Path': 's3://b/raw/', 'Exclusions': ['**.tmp'], 'SampleSize': 5}]}, 'Schedule': 'cron(0 1 * * ? *)', "
                + "'TablePrefix': 'raw_', 'SchemaChangePolicy': {'UpdateBehavior': 'LOG', 'DeleteBehavior': 'LOG'}, "
                + "'LineageConfiguration': {'CrawlerLineageSettings': 'ENABLE'}}");
        ObjectNode current = documents.created(created);
        ObjectNode update = json("{'Name': 'c', 'Description': '', 'TablePrefix': '', 'SchemaChangePolicy': {'DeleteBehavior': 'DELETE_FROM_DATABASE'}, "
                + "'RecrawlPolicy': {'RecrawlBehavior': 'CRAWL_NEW_FOLDERS_ONLY'}, 'LakeFormationConfiguration': {'UseLakeFormationCredentials': true}}");
        ObjectNode merged = documents.updated(current, update);
        CrawlerSpec updated = mapper.specOf("c", merged);

        assertThat(updated.description()).isEmpty();
        assertThat(updated.tablePrefix()).isEmpty();
        assertThat(updated.s3Targets()).containsExactly(new S3Target("s3://b/raw/", List.of("**.tmp"), Optional.of(5)));
        assertThat(updated.schedule()).contains("cron(0 1 * * ? *)");
        assertThat(updated.schemaChangePolicy()).isEqualTo(new SchemaChangePolicy(UpdateBehavior.LOG, DeleteBehavior.DELETE_FROM_DATABASE));
        assertThat(updated.recrawlBehavior()).isEqualTo(RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY);
        assertThat(merged.get("LineageConfiguration")).isEqualTo(json("{'CrawlerLineageSettings': 'ENABLE'}"));
        assertThat(merged.get("LakeFormationConfiguration")).isEqualTo(json("{'UseLakeFormationCredentials': true}"));
        assertThat(merged.has("Name")).isFalse();
        // The stored definition is not changed by merging into a copy of it.
        assertThat(current.get("Description").asText()).isEqualTo("text");

        JsonNode wire = mapper.toWire(Crawler.created("c", updated, NOW), NOW);
        assertThat(wire.get("Schedule")).isEqualTo(json("{'ScheduleExpression': 'cron(0 1 * * ? *)', 'State': 'NOT_SCHEDULED'}"));
        assertThat(wire.has("Description")).isFalse();
        assertThat(wire.has("TablePrefix")).isFalse();
    }

    @Test
    void aCrawlerStoredBeforeDocumentsAnswersFromItsTypedMembers() throws Exception {
        CrawlerSpec legacy = new CrawlerSpec("role", "db", Optional.of("old"), List.of(new S3Target("s3://b/raw/", List.of("**.tmp"), Optional.of(3))),
                List.of(), List.of(), List.of("custom"), Optional.of("raw_"), new SchemaChangePolicy(UpdateBehavior.LOG, DeleteBehavior.LOG),
                RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY, Optional.of("{}"), Optional.of("cron(0 1 * * ? *)"), Optional.of("sec"), Optional.empty());
        JsonNode wire = mapper.toWire(Crawler.created("c", legacy, NOW), NOW);
        assertThat(wire.get("Role").asText()).isEqualTo("role");
        assertThat(wire.get("Description").asText()).isEqualTo("old");
        assertThat(wire.get("Targets").get("S3Targets")).isEqualTo(JSON.readTree("[{\"Path\": \"s3://b/raw/\", \"Exclusions\": [\"**.tmp\"], \"SampleSize\": 3}]"));
        assertThat(wire.get("Classifiers")).isEqualTo(JSON.readTree("[\"custom\"]"));
        assertThat(wire.get("SchemaChangePolicy")).isEqualTo(json("{'UpdateBehavior': 'LOG', 'DeleteBehavior': 'LOG'}"));
        assertThat(wire.get("RecrawlPolicy").get("RecrawlBehavior").asText()).isEqualTo("CRAWL_NEW_FOLDERS_ONLY");
        assertThat(wire.get("Configuration").asText()).isEqualTo("{}");
        assertThat(wire.get("Schedule").get("ScheduleExpression").asText()).isEqualTo("cron(0 1 * * ? *)");
        assertThat(wire.get("CrawlerSecurityConfiguration").asText()).isEqualTo("sec");

        // Updating it makes a document of the old definition with the change.
        CrawlerSpec updated = mapper.specOf("c", documents.updated(mapper.documentOf(legacy), json("{'Name': 'c', 'Description': 'new'}")));
        assertThat(updated.document()).isPresent();
        assertThat(updated.description()).contains("new");
        assertThat(updated.s3Targets()).isEqualTo(legacy.s3Targets());
        assertThat(updated.tablePrefix()).isEqualTo(legacy.tablePrefix());
    }

    @Test
    void runningCrawlerReportsElapsedTimeAndMetrics() throws Exception {
        CrawlerSpec spec = specOf(create("{'S3Targets': [{'Path': 's3://b/raw/'}]}"));
        Crawler ended = Crawler.created("c", spec, NOW).started(NOW).ended(new CrawlOutcome(CrawlStatus.SUCCEEDED, Optional.empty(), 2, 1, 0),
                new LastCrawl(CrawlStatus.SUCCEEDED, Optional.empty(), "/aws-glue/crawlers", "c", "crawl-1", NOW), NOW.plusSeconds(40));
        Crawler running = ended.started(NOW.plusSeconds(100));

        JsonNode wire = mapper.toWire(running, NOW.plusSeconds(110));
        assertThat(wire.get("State").asText()).isEqualTo("RUNNING");
        assertThat(wire.get("CrawlElapsedTime").asLong()).isEqualTo(10_000L);
        assertThat(wire.get("LastCrawl").get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(wire.get("LastCrawl").get("LogGroup").asText()).isEqualTo("/aws-glue/crawlers");
        assertThat(wire.get("LastCrawl").has("ErrorMessage")).isFalse();

        JsonNode metrics = mapper.metricsOf(running, NOW.plusSeconds(110));
        assertThat(metrics.get("LastRuntimeSeconds").asDouble()).isEqualTo(40.0);
        assertThat(metrics.get("MedianRuntimeSeconds").asDouble()).isEqualTo(40.0);
        assertThat(metrics.get("TimeLeftSeconds").asDouble()).isEqualTo(30.0);
        assertThat(metrics.get("StillEstimating").asBoolean()).isFalse();
        assertThat(metrics.get("TablesCreated").asInt()).isEqualTo(2);
        assertThat(mapper.toWire(ended, NOW).has("CrawlElapsedTime")).isFalse();
    }
}
