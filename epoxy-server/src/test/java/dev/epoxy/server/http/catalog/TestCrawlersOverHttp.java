package dev.epoxy.server.http.catalog;

import static dev.epoxy.server.http.catalog.TestingCatalogEndpoint.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crawler operations through the real endpoint, service and store: what the model cannot check, and targets crawls do not run. */
final class TestCrawlersOverHttp {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueCrawlerRole";

    @TempDir
    Path home;

    private TestingCatalogEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = TestingCatalogEndpoint.start(home);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
    }

    @Test
    void targetsCrawlsDoNotRunAreKeptAndTheirCrawlFailsNamingThem() throws Exception {
        ObjectNode create = JSON.createObjectNode().put("Name", "delta").put("Role", ROLE).put("DatabaseName", "sales");
        ObjectNode delta = create.putObject("Targets").putArray("DeltaTargets").addObject();
        delta.putArray("DeltaTables").add("s3://b/delta/");
        endpoint.ok("CreateCrawler", create);

        JsonNode targets = endpoint.ok("GetCrawler", JSON.createObjectNode().put("Name", "delta")).get("Crawler").get("Targets");
        assertThat(targets.get("DeltaTargets")).isEqualTo(JSON.createArrayNode().add(delta));
        assertThat(targets.get("S3Targets")).isEmpty();

        endpoint.ok("StartCrawler", JSON.createObjectNode().put("Name", "delta"));
        // Nothing is launched: the crawl has ended by the time StartCrawler answers.
        JsonNode crawler = endpoint.ok("GetCrawler", JSON.createObjectNode().put("Name", "delta")).get("Crawler");
        assertThat(crawler.get("State").asText()).isEqualTo("READY");
        assertThat(crawler.get("LastCrawl").get("Status").asText()).isEqualTo("FAILED");
        assertThat(crawler.get("LastCrawl").get("ErrorMessage").asText())
                .isEqualTo("Cannot crawl the DeltaTargets of crawler delta: Epoxy crawls S3Targets and JdbcTargets only, and the crawler has neither");
    }

    @Test
    void badTargetsAndOtherCatalogsAreRefusedByName() throws Exception {
        ObjectNode local = JSON.createObjectNode().put("Name", "c").put("Role", ROLE).put("DatabaseName", "sales");
        local.putObject("Targets").putArray("S3Targets").addObject().put("Path", "/local/path");
        endpoint.call("CreateCrawler", local).assertError("InvalidInputException", "Invalid S3Target Path: /local/path (expected s3://bucket/prefix)");

        ObjectNode empty = JSON.createObjectNode().put("Name", "c").put("Role", ROLE).put("DatabaseName", "sales");
        empty.putObject("Targets").putArray("S3Targets");
        endpoint.call("CreateCrawler", empty).assertError("InvalidInputException", "Targets must have at least one target");

        ObjectNode elsewhere = JSON.createObjectNode().put("Name", "c").put("Role", ROLE).put("DatabaseName", "sales").put("CatalogId", "999999999999");
        elsewhere.putObject("Targets").putArray("S3Targets").addObject().put("Path", "s3://b/raw/");
        endpoint.call("CreateCrawler", elsewhere).assertError("EntityNotFoundException", "Catalog not found: 999999999999");
        endpoint.call("GetCrawler", JSON.createObjectNode().put("Name", "c")).assertError("EntityNotFoundException", "Crawler not found: c");
    }
}
