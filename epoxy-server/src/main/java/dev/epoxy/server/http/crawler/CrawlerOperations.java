package dev.epoxy.server.http.crawler;

import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.RequestContext;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerService;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.glue.model.EchoedText;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.tag.TaggableResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The crawler operations: each takes the request as a {@link JsonNode} that the endpoint has validated
 * against the model and answers a tree of the model's output shape. CreateCrawler and UpdateCrawler
 * keep the whole definition the model defines ({@link CrawlerDocuments}); the Get operations answer it
 * as Glue's {@code Crawler} ({@link CrawlerMapper}).
 */
public final class CrawlerOperations {
    /** Pages hold at most this many crawlers when MaxResults is absent (the model's PageSize maximum). */
    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final String TOKEN_PREFIX = "after:";
    private static final int MAX_ECHOED_LENGTH = 64;

    private final CrawlerService crawlers;
    private final CrawlerDocuments documents;
    private final CrawlerMapper mapper;
    private final Clock clock;

    public CrawlerOperations(CrawlerService crawlers, Clock clock) {
        this.crawlers = requireNonNull(crawlers, "crawlers is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.documents = new CrawlerDocuments(ServiceModel.glue());
        this.mapper = new CrawlerMapper(documents);
    }

    /** Every crawler operation, for {@link dev.epoxy.server.http.GlueEndpoint}. */
    public static List<GlueOperation<?, ?>> all(CrawlerService crawlers) {
        CrawlerOperations operations = new CrawlerOperations(crawlers, Clock.systemUTC());
        return List.of(
                GlueOperation.of("CreateCrawler", JsonNode.class, operations::createCrawler),
                GlueOperation.withoutContext("GetCrawler", JsonNode.class, operations::getCrawler),
                GlueOperation.withoutContext("GetCrawlers", JsonNode.class, operations::getCrawlers),
                GlueOperation.withoutContext("ListCrawlers", JsonNode.class, operations::listCrawlers),
                GlueOperation.withoutContext("BatchGetCrawlers", JsonNode.class, operations::batchGetCrawlers),
                GlueOperation.of("UpdateCrawler", JsonNode.class, operations::updateCrawler),
                GlueOperation.withoutContext("DeleteCrawler", JsonNode.class, operations::deleteCrawler),
                GlueOperation.withoutContext("StartCrawler", JsonNode.class, operations::startCrawler),
                GlueOperation.withoutContext("StopCrawler", JsonNode.class, operations::stopCrawler),
                GlueOperation.withoutContext("GetCrawlerMetrics", JsonNode.class, operations::getCrawlerMetrics));
    }

    /**
     * Whether the crawler a {@code crawler/<Name>} ARN names exists, for the tag operations' registry.
     *
     * @throws EpoxyException {@code CRAWLER_NOT_FOUND}
     */
    public static TaggableResources.ExistenceCheck existenceCheck(CrawlerService crawlers) {
        return arn -> crawlers.loadCrawler(arn.path());
    }

    JsonNode createCrawler(RequestContext context, JsonNode request) {
        checkCatalog(context, request);
        String name = name(request);
        CrawlerSpec spec = mapper.specOf(name, documents.created(request));
        crawlers.createCrawler(name, spec, tags(request));
        return documents.newObject();
    }

    JsonNode getCrawler(JsonNode request) {
        ObjectNode response = documents.newObject();
        response.set("Crawler", mapper.toWire(crawlers.loadCrawler(name(request)), clock.instant()));
        return response;
    }

    JsonNode getCrawlers(JsonNode request) {
        Page page = page(request, Map.of());
        ObjectNode response = documents.newObject();
        ArrayNode list = response.putArray("Crawlers");
        page.crawlers().forEach(crawler -> list.add(mapper.toWire(crawler, clock.instant())));
        page.nextToken().ifPresent(token -> response.put("NextToken", token));
        return response;
    }

    JsonNode listCrawlers(JsonNode request) {
        Page page = page(request, stringMap(request.path("Tags")));
        ObjectNode response = documents.newObject();
        ArrayNode names = response.putArray("CrawlerNames");
        page.crawlers().forEach(crawler -> names.add(crawler.name()));
        page.nextToken().ifPresent(token -> response.put("NextToken", token));
        return response;
    }

    JsonNode batchGetCrawlers(JsonNode request) {
        ObjectNode response = documents.newObject();
        ArrayNode found = response.putArray("Crawlers");
        ArrayNode notFound = response.putArray("CrawlersNotFound");
        for (JsonNode element : request.path("CrawlerNames")) {
            String name = element.asText();
            crawlers.findCrawler(name).ifPresentOrElse(crawler -> found.add(mapper.toWire(crawler, clock.instant())), () -> notFound.add(name));
        }
        return response;
    }

    /** Members the request sends replace the crawler's, the others stay (see {@link CrawlerDocuments#updated}). */
    JsonNode updateCrawler(RequestContext context, JsonNode request) {
        checkCatalog(context, request);
        String name = name(request);
        Crawler current = crawlers.loadCrawler(name);
        ObjectNode definition = documents.updated(mapper.documentOf(current.spec()), request);
        crawlers.updateCrawler(name, mapper.specOf(name, definition));
        return documents.newObject();
    }

    JsonNode deleteCrawler(JsonNode request) {
        crawlers.deleteCrawler(name(request));
        return documents.newObject();
    }

    JsonNode startCrawler(JsonNode request) {
        crawlers.startCrawler(name(request));
        return documents.newObject();
    }

    JsonNode stopCrawler(JsonNode request) {
        crawlers.stopCrawler(name(request));
        return documents.newObject();
    }

    JsonNode getCrawlerMetrics(JsonNode request) {
        ObjectNode response = documents.newObject();
        ArrayNode list = response.putArray("CrawlerMetricsList");
        JsonNode named = request.path("CrawlerNameList");
        if (!named.isEmpty()) {
            // Named crawlers: the ones that exist, in the order asked (AWS answers the same way).
            for (JsonNode element : named) {
                crawlers.findCrawler(element.asText()).ifPresent(crawler -> list.add(mapper.metricsOf(crawler, clock.instant())));
            }
            return response;
        }
        Page page = page(request, Map.of());
        page.crawlers().forEach(crawler -> list.add(mapper.metricsOf(crawler, clock.instant())));
        page.nextToken().ifPresent(token -> response.put("NextToken", token));
        return response;
    }

    /** A required name member; the validator has checked that it is there. */
    private static String name(JsonNode request) {
        return CrawlerMapper.text(request, "Name").orElseThrow(() -> new EpoxyException(INVALID_INPUT, "Name is required"));
    }

    /**
     * Crawls write into the server's catalog, the account's: a crawler naming another catalog would
     * write where nothing exists, as on AWS for a catalog the caller cannot see.
     */
    private static void checkCatalog(RequestContext context, JsonNode request) {
        String catalogId = context.catalogIdOr(CrawlerMapper.text(request, "CatalogId").orElse(null));
        if (!catalogId.equals(context.accountId())) {
            throw new EpoxyException(ENTITY_NOT_FOUND, "Catalog not found: %s", EchoedText.shortened(catalogId, MAX_ECHOED_LENGTH));
        }
    }

    private static Map<String, String> tags(JsonNode request) {
        return stringMap(request.path("Tags"));
    }

    private static Map<String, String> stringMap(JsonNode map) {
        Map<String, String> values = new LinkedHashMap<>();
        map.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private record Page(List<Crawler> crawlers, Optional<String> nextToken) {}

    /** One page by name; with tags, only crawlers that carry all of them (read a page further until full). */
    private Page page(JsonNode request, Map<String, String> tags) {
        JsonNode maxResults = request.path("MaxResults");
        int size = maxResults.isInt() ? maxResults.asInt() : DEFAULT_PAGE_SIZE;
        Optional<String> after = CrawlerMapper.text(request, "NextToken").map(CrawlerOperations::nameOf);
        List<Crawler> selected = new ArrayList<>();
        while (selected.size() < size) {
            List<Crawler> batch = crawlers.listCrawlers(after, size + 1);
            for (Crawler crawler : batch) {
                if (selected.size() == size) {
                    return new Page(List.copyOf(selected), Optional.of(tokenOf(selected.get(selected.size() - 1).name())));
                }
                after = Optional.of(crawler.name());
                if (tags.isEmpty() || crawlers.getTags(crawler.name()).entrySet().containsAll(tags.entrySet())) {
                    selected.add(crawler);
                }
            }
            if (batch.size() <= size) {
                return new Page(List.copyOf(selected), Optional.empty());
            }
        }
        // Filled by the batch's last crawler, with more after it: the next page starts there.
        return new Page(List.copyOf(selected), after.map(CrawlerOperations::tokenOf));
    }

    static String tokenOf(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + lastName).getBytes(StandardCharsets.UTF_8));
    }

    static String nameOf(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                return text.substring(TOKEN_PREFIX.length());
            }
        }
        catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        throw new EpoxyException(INVALID_INPUT, "Invalid NextToken: %s", EchoedText.shortened(token, 64));
    }
}
