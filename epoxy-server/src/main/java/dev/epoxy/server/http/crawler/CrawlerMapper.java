package dev.epoxy.server.http.crawler;

import static dev.epoxy.core.Checks.checkInput;
import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.core.crawler.DeleteBehavior;
import dev.epoxy.core.crawler.LastCrawl;
import dev.epoxy.core.crawler.RecrawlBehavior;
import dev.epoxy.core.crawler.S3Target;
import dev.epoxy.core.crawler.SchemaChangePolicy;
import dev.epoxy.core.crawler.UpdateBehavior;
import dev.epoxy.glue.model.crawler.CrawlerShapes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Crawler shapes ↔ domain: requests into {@link CrawlerSpec}s, crawlers into Glue's {@code Crawler}. */
final class CrawlerMapper {
    private CrawlerMapper() {}

    static CrawlerSpec toSpec(CrawlerShapes.CreateCrawlerRequest request) {
        checkInput(request.databaseName() != null && !request.databaseName().isBlank(), "DatabaseName is required: crawler %s has no database to write tables to", request.name());
        return new CrawlerSpec(
                request.role(),
                request.databaseName(),
                Optional.ofNullable(request.description()),
                s3Targets(request.targets()),
                Optional.ofNullable(request.classifiers()).orElse(List.of()),
                Optional.ofNullable(request.tablePrefix()),
                schemaChangePolicy(request.schemaChangePolicy(), SchemaChangePolicy.defaults()),
                recrawlBehavior(request.recrawlPolicy(), RecrawlBehavior.CRAWL_EVERYTHING),
                Optional.ofNullable(request.configuration()),
                Optional.ofNullable(request.schedule()),
                Optional.ofNullable(request.crawlerSecurityConfiguration()));
    }

    /** The current spec with every member the request sends replaced. */
    static CrawlerSpec updatedSpec(CrawlerSpec current, CrawlerShapes.UpdateCrawlerRequest request) {
        return new CrawlerSpec(
                Optional.ofNullable(request.role()).orElse(current.role()),
                Optional.ofNullable(request.databaseName()).orElse(current.databaseName()),
                // DescriptionStringRemovable: an empty description removes it.
                request.description() == null ? current.description() : Optional.of(request.description()).filter(text -> !text.isEmpty()),
                request.targets() == null ? current.s3Targets() : s3Targets(request.targets()),
                Optional.ofNullable(request.classifiers()).orElse(current.classifiers()),
                request.tablePrefix() == null ? current.tablePrefix() : Optional.of(request.tablePrefix()).filter(text -> !text.isEmpty()),
                schemaChangePolicy(request.schemaChangePolicy(), current.schemaChangePolicy()),
                recrawlBehavior(request.recrawlPolicy(), current.recrawlBehavior()),
                request.configuration() == null ? current.configuration() : Optional.of(request.configuration()),
                request.schedule() == null ? current.schedule() : Optional.of(request.schedule()).filter(text -> !text.isEmpty()),
                request.crawlerSecurityConfiguration() == null ? current.securityConfiguration() : Optional.of(request.crawlerSecurityConfiguration()));
    }

    static CrawlerShapes.Crawler toWire(Crawler crawler, Instant now) {
        CrawlerSpec spec = crawler.spec();
        List<CrawlerShapes.S3Target> targets = spec.s3Targets().stream()
                .map(target -> new CrawlerShapes.S3Target(target.path(), target.exclusions(), null, target.sampleSize().orElse(null), null, null))
                .toList();
        Long elapsed = crawler.crawlStartedOn().map(started -> Math.max(0, Duration.between(started, now).toMillis())).orElse(null);
        return new CrawlerShapes.Crawler(
                crawler.name(),
                spec.role(),
                new CrawlerShapes.CrawlerTargets(targets, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
                spec.databaseName(),
                spec.description().orElse(null),
                spec.classifiers(),
                new CrawlerShapes.RecrawlPolicy(spec.recrawlBehavior().name()),
                new CrawlerShapes.SchemaChangePolicy(spec.schemaChangePolicy().updateBehavior().name(), spec.schemaChangePolicy().deleteBehavior().name()),
                crawler.state().name(),
                spec.tablePrefix().orElse(null),
                // Kept and returned; Epoxy has no scheduler yet, so the schedule never fires.
                spec.schedule().map(expression -> new CrawlerShapes.Schedule(expression, "NOT_SCHEDULED")).orElse(null),
                elapsed,
                crawler.creationTime(),
                crawler.lastUpdated(),
                crawler.lastCrawl().map(CrawlerMapper::toWire).orElse(null),
                crawler.version(),
                spec.configuration().orElse(null),
                spec.securityConfiguration().orElse(null));
    }

    static CrawlerShapes.CrawlerMetrics metricsOf(Crawler crawler, Instant now) {
        boolean crawling = crawler.state().isCrawling();
        double median = crawler.metrics().medianRuntimeSeconds();
        // Time left: the median runtime less what the running crawl has used; estimating until one crawl finished.
        double timeLeft = 0;
        if (crawling && median > 0) {
            double elapsed = crawler.crawlStartedOn().map(started -> Duration.between(started, now).toMillis() / 1000.0).orElse(0.0);
            timeLeft = Math.max(0, median - elapsed);
        }
        return new CrawlerShapes.CrawlerMetrics(
                crawler.name(),
                timeLeft,
                crawling && median == 0,
                crawler.metrics().lastRuntimeSeconds(),
                median,
                crawler.metrics().tablesCreated(),
                crawler.metrics().tablesUpdated(),
                crawler.metrics().tablesDeleted());
    }

    static Map<String, String> tags(CrawlerShapes.CreateCrawlerRequest request) {
        return Optional.ofNullable(request.tags()).orElse(Map.of());
    }

    private static CrawlerShapes.LastCrawlInfo toWire(LastCrawl crawl) {
        return new CrawlerShapes.LastCrawlInfo(crawl.status().name(), crawl.errorMessage().orElse(null), crawl.logGroup(), crawl.logStream(), crawl.messagePrefix(), crawl.startTime());
    }

    private static List<S3Target> s3Targets(CrawlerShapes.CrawlerTargets targets) {
        checkInput(targets != null, "Targets is required");
        Map<String, List<Object>> unsupported = new java.util.LinkedHashMap<>();
        unsupported.put("JdbcTargets", targets.jdbcTargets());
        unsupported.put("MongoDBTargets", targets.mongoDbTargets());
        unsupported.put("DynamoDBTargets", targets.dynamoDbTargets());
        unsupported.put("CatalogTargets", targets.catalogTargets());
        unsupported.put("DeltaTargets", targets.deltaTargets());
        unsupported.put("IcebergTargets", targets.icebergTargets());
        unsupported.put("HudiTargets", targets.hudiTargets());
        unsupported.forEach((member, list) -> {
            if (list != null && !list.isEmpty()) {
                throw new EpoxyException(NOT_SUPPORTED, "%s are not supported: Epoxy crawls S3Targets only", member);
            }
        });
        List<CrawlerShapes.S3Target> s3 = Optional.ofNullable(targets.s3Targets()).orElse(List.of());
        checkInput(!s3.isEmpty(), "Targets must have at least one S3Target");
        return s3.stream().map(CrawlerMapper::toDomain).toList();
    }

    private static S3Target toDomain(CrawlerShapes.S3Target target) {
        checkInput(target.path() != null && !target.path().isBlank(), "S3Target Path is required");
        checkInput(target.path().startsWith("s3://") || target.path().startsWith("s3a://"), "Invalid S3Target Path: %s (expected s3://bucket/prefix)", target.path());
        if (target.connectionName() != null || target.eventQueueArn() != null) {
            throw new EpoxyException(NOT_SUPPORTED, "S3Target ConnectionName and EventQueueArn are not supported: %s", target.path());
        }
        checkInput(target.sampleSize() == null || (target.sampleSize() >= 1 && target.sampleSize() <= 249), "Invalid SampleSize: %s (1 to 249)", target.sampleSize());
        return new S3Target(target.path(), Optional.ofNullable(target.exclusions()).orElse(List.of()), Optional.ofNullable(target.sampleSize()));
    }

    private static SchemaChangePolicy schemaChangePolicy(CrawlerShapes.SchemaChangePolicy policy, SchemaChangePolicy current) {
        if (policy == null) {
            return current;
        }
        UpdateBehavior update = policy.updateBehavior() == null ? current.updateBehavior() : UpdateBehavior.valueOf(policy.updateBehavior());
        DeleteBehavior delete = policy.deleteBehavior() == null ? current.deleteBehavior() : DeleteBehavior.valueOf(policy.deleteBehavior());
        return new SchemaChangePolicy(update, delete);
    }

    private static RecrawlBehavior recrawlBehavior(CrawlerShapes.RecrawlPolicy policy, RecrawlBehavior current) {
        if (policy == null || policy.recrawlBehavior() == null) {
            return current;
        }
        return RecrawlBehavior.valueOf(policy.recrawlBehavior());
    }
}
