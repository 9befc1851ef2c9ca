package dev.epoxy.server.http.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.crawler.CrawlerConfig;
import dev.epoxy.core.crawler.CrawlerService;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.driver.SparkCrawlLauncher;
import dev.epoxy.server.http.GlueEndpoint;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.crawler.CrawlerOperations;
import dev.epoxy.server.http.tag.TagOperations;
import dev.epoxy.server.http.tag.TaggableResources;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The Glue endpoint serving the catalog, crawler and tag operations over a real H2 catalog store in {@code home}, with a raw JSON client. */
final class TestingCatalogEndpoint implements AutoCloseable {
    static final ObjectMapper JSON = GlueJson.newObjectMapper();

    private final Stores stores;
    private final CrawlerService crawlers;
    private final SparkCrawlLauncher launcher;
    private final GlueEndpoint endpoint;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestingCatalogEndpoint(Stores stores, CrawlerService crawlers, SparkCrawlLauncher launcher, GlueEndpoint endpoint) {
        this.stores = stores;
        this.crawlers = crawlers;
        this.launcher = launcher;
        this.endpoint = endpoint;
    }

    static TestingCatalogEndpoint start(Path home) {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        Stores stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
        ServerConfig config = ServerConfig.defaults().withPort(0);
        CatalogTags tags = new CatalogTags(stores.catalog(), stores.tags(), config.arns());
        // The real crawl launcher: these tests start no crawl that it would launch (crawlers without S3Targets end before it).
        SparkCrawlLauncher launcher = new SparkCrawlLauncher(DriverLaunchConfig.defaults().withHome(home));
        CrawlerService crawlers = new CrawlerService(stores.crawlers(), stores.tags(), config.arns(), launcher, Clock.systemUTC(), CrawlerConfig.defaults());
        List<GlueOperation<?, ?>> operations = new ArrayList<>(CatalogOperations.all(stores.catalog(), tags, Clock.systemUTC()));
        operations.addAll(PartitionOperations.all(stores.catalog(), stores.partitions(), tags, Clock.systemUTC()));
        operations.addAll(CrawlerOperations.all(crawlers));
        TaggableResources taggable = tags.registerWith(new TaggableResources()).register(GlueResourceType.CRAWLER, CrawlerOperations.existenceCheck(crawlers));
        operations.addAll(TagOperations.all(stores.tags(), taggable, config.arns()));
        return new TestingCatalogEndpoint(stores, crawlers, launcher, GlueEndpoint.start(config, operations));
    }

    /** Calls the operation and returns the answer, whatever its status. */
    Reply call(String operation, JsonNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.uri().resolve("/"))
                .header("X-Amz-Target", "AWSGlue." + operation)
                .header("Content-Type", GlueJson.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return new Reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Calls the operation, asserts it succeeded and returns the body. */
    JsonNode ok(String operation, JsonNode body) throws Exception {
        Reply reply = call(operation, body);
        assertThat(reply.response().statusCode()).as("%s: %s", operation, reply.response().body()).isEqualTo(200);
        return reply.json();
    }

    @Override
    public void close() throws Exception {
        endpoint.close();
        crawlers.close();
        launcher.close();
        stores.close();
    }

    record Reply(HttpResponse<String> response) {
        JsonNode json() throws Exception {
            return JSON.readTree(response.body());
        }

        void assertError(String type, String message) throws Exception {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
            assertThat(json()).isEqualTo(JSON.createObjectNode().put("__type", type).put("Message", message));
        }
    }
}
