package dev.epoxy.server.http.crawler;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerService;
import dev.epoxy.glue.model.EchoedText;
import dev.epoxy.glue.model.crawler.CrawlerShapes;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.tag.TaggableResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The crawler operations: validation the model cannot express, then {@link CrawlerService}. */
public final class CrawlerOperations {
    /** Pages hold at most this many crawlers when MaxResults is absent (the model's PageSize maximum). */
    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final String TOKEN_PREFIX = "after:";

    private final CrawlerService crawlers;
    private final Clock clock;

    public CrawlerOperations(CrawlerService crawlers, Clock clock) {
        this.crawlers = requireNonNull(crawlers, "crawlers is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every crawler operation, for {@link dev.epoxy.server.http.GlueEndpoint}. */
    public static List<GlueOperation<?, ?>> all(CrawlerService crawlers) {
        CrawlerOperations operations = new CrawlerOperations(crawlers, Clock.systemUTC());
        return List.of(
                GlueOperation.withoutContext("CreateCrawler", CrawlerShapes.CreateCrawlerRequest.class, operations::createCrawler),
                GlueOperation.withoutContext("GetCrawler", CrawlerShapes.CrawlerNameRequest.class, operations::getCrawler),
                GlueOperation.withoutContext("GetCrawlers", CrawlerShapes.GetCrawlersRequest.class, operations::getCrawlers),
                GlueOperation.withoutContext("ListCrawlers", CrawlerShapes.ListCrawlersRequest.class, operations::listCrawlers),
                GlueOperation.withoutContext("BatchGetCrawlers", CrawlerShapes.BatchGetCrawlersRequest.class, operations::batchGetCrawlers),
                GlueOperation.withoutContext("UpdateCrawler", CrawlerShapes.UpdateCrawlerRequest.class, operations::updateCrawler),
                GlueOperation.withoutContext("DeleteCrawler", CrawlerShapes.CrawlerNameRequest.class, operations::deleteCrawler),
                GlueOperation.withoutContext("StartCrawler", CrawlerShapes.CrawlerNameRequest.class, operations::startCrawler),
                GlueOperation.withoutContext("StopCrawler", CrawlerShapes.CrawlerNameRequest.class, operations::stopCrawler),
                GlueOperation.withoutContext("GetCrawlerMetrics", CrawlerShapes.GetCrawlerMetricsRequest.class, operations::getCrawlerMetrics));
    }

    /**
     * Whether the crawler a {@code crawler/<Name>} ARN names exists, for the tag operations' registry.
     *
     * @throws EpoxyException {@code CRAWLER_NOT_FOUND}
     */
    public static TaggableResources.ExistenceCheck existenceCheck(CrawlerService crawlers) {
        return arn -> crawlers.loadCrawler(arn.path());
    }

    public CrawlerShapes.EmptyResponse createCrawler(CrawlerShapes.CreateCrawlerRequest request) {
        crawlers.createCrawler(request.name(), CrawlerMapper.toSpec(request), CrawlerMapper.tags(request));
        return new CrawlerShapes.EmptyResponse();
    }

    public CrawlerShapes.GetCrawlerResponse getCrawler(CrawlerShapes.CrawlerNameRequest request) {
        return new CrawlerShapes.GetCrawlerResponse(CrawlerMapper.toWire(crawlers.loadCrawler(request.name()), clock.instant()));
    }

    public CrawlerShapes.GetCrawlersResponse getCrawlers(CrawlerShapes.GetCrawlersRequest request) {
        Page page = page(request.nextToken(), request.maxResults(), Map.of());
        return new CrawlerShapes.GetCrawlersResponse(page.crawlers().stream().map(crawler -> CrawlerMapper.toWire(crawler, clock.instant())).toList(), page.nextToken());
    }

    public CrawlerShapes.ListCrawlersResponse listCrawlers(CrawlerShapes.ListCrawlersRequest request) {
        Page page = page(request.nextToken(), request.maxResults(), Optional.ofNullable(request.tags()).orElse(Map.of()));
        return new CrawlerShapes.ListCrawlersResponse(page.crawlers().stream().map(Crawler::name).toList(), page.nextToken());
    }

    public CrawlerShapes.BatchGetCrawlersResponse batchGetCrawlers(CrawlerShapes.BatchGetCrawlersRequest request) {
        List<CrawlerShapes.Crawler> found = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (String name : request.crawlerNames()) {
            crawlers.findCrawler(name).ifPresentOrElse(crawler -> found.add(CrawlerMapper.toWire(crawler, clock.instant())), () -> notFound.add(name));
        }
        return new CrawlerShapes.BatchGetCrawlersResponse(found, notFound);
    }

    public CrawlerShapes.EmptyResponse updateCrawler(CrawlerShapes.UpdateCrawlerRequest request) {
        Crawler current = crawlers.loadCrawler(request.name());
        crawlers.updateCrawler(request.name(), CrawlerMapper.updatedSpec(current.spec(), request));
        return new CrawlerShapes.EmptyResponse();
    }

    public CrawlerShapes.EmptyResponse deleteCrawler(CrawlerShapes.CrawlerNameRequest request) {
        crawlers.deleteCrawler(request.name());
        return new CrawlerShapes.EmptyResponse();
    }

    public CrawlerShapes.EmptyResponse startCrawler(CrawlerShapes.CrawlerNameRequest request) {
        crawlers.startCrawler(request.name());
        return new CrawlerShapes.EmptyResponse();
    }

    public CrawlerShapes.EmptyResponse stopCrawler(CrawlerShapes.CrawlerNameRequest request) {
        crawlers.stopCrawler(request.name());
        return new CrawlerShapes.EmptyResponse();
    }

    public CrawlerShapes.GetCrawlerMetricsResponse getCrawlerMetrics(CrawlerShapes.GetCrawlerMetricsRequest request) {
        if (request.crawlerNameList() != null && !request.crawlerNameList().isEmpty()) {
            // Named crawlers: the ones that exist, in the order asked (AWS answers the same way).
            List<CrawlerShapes.CrawlerMetrics> metrics = request.crawlerNameList().stream()
                    .map(crawlers::findCrawler)
                    .flatMap(Optional::stream)
                    .map(crawler -> CrawlerMapper.metricsOf(crawler, clock.instant()))
                    .toList();
            return new CrawlerShapes.GetCrawlerMetricsResponse(metrics, null);
        }
        Page page = page(request.nextToken(), request.maxResults(), Map.of());
        return new CrawlerShapes.GetCrawlerMetricsResponse(page.crawlers().stream().map(crawler -> CrawlerMapper.metricsOf(crawler, clock.instant())).toList(), page.nextToken());
    }

    private record Page(List<Crawler> crawlers, String nextToken) {}

    /** One page by name; with tags, only crawlers that carry all of them (read a page further until full). */
    private Page page(String token, Integer maxResults, Map<String, String> tags) {
        int size = Optional.ofNullable(maxResults).orElse(DEFAULT_PAGE_SIZE);
        Optional<String> after = Optional.ofNullable(token).map(CrawlerOperations::nameOf);
        List<Crawler> selected = new ArrayList<>();
        while (selected.size() < size) {
            List<Crawler> batch = crawlers.listCrawlers(after, size + 1);
            for (Crawler crawler : batch) {
                if (selected.size() == size) {
                    return new Page(List.copyOf(selected), tokenOf(selected.get(selected.size() - 1).name()));
                }
                after = Optional.of(crawler.name());
                if (tags.isEmpty() || crawlers.getTags(crawler.name()).entrySet().containsAll(tags.entrySet())) {
                    selected.add(crawler);
                }
            }
            if (batch.size() <= size) {
                return new Page(List.copyOf(selected), null);
            }
        }
        // Filled by the batch's last crawler, with more after it: the next page starts there.
        return new Page(List.copyOf(selected), after.map(CrawlerOperations::tokenOf).orElse(null));
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
