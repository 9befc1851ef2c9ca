package dev.epoxy.server.http.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.crawler.CrawlOutcome;
import dev.epoxy.core.crawler.CrawlStatus;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.core.crawler.DeleteBehavior;
import dev.epoxy.core.crawler.LastCrawl;
import dev.epoxy.core.crawler.RecrawlBehavior;
import dev.epoxy.core.crawler.S3Target;
import dev.epoxy.core.crawler.UpdateBehavior;
import dev.epoxy.glue.model.crawler.CrawlerShapes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCrawlerMapper {
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

    private static CrawlerShapes.CrawlerTargets s3(CrawlerShapes.S3Target... targets) {
        return new CrawlerShapes.CrawlerTargets(List.of(targets), null, null, null, null, null, null, null);
    }

    private static CrawlerShapes.CreateCrawlerRequest create(CrawlerShapes.CrawlerTargets targets) {
        return new CrawlerShapes.CreateCrawlerRequest("c", "role", "db", null, targets, null, null, null, null, null, null, null, Map.of());
    }

    @Test
    void createAppliesGluesDefaults() {
        CrawlerSpec spec = CrawlerMapper.toSpec(create(s3(new CrawlerShapes.S3Target("s3://b/raw/", null, null, null, null, null))));
        assertThat(spec.s3Targets()).containsExactly(new S3Target("s3://b/raw/", List.of(), Optional.empty()));
        assertThat(spec.schemaChangePolicy().updateBehavior()).isEqualTo(UpdateBehavior.UPDATE_IN_DATABASE);
        assertThat(spec.schemaChangePolicy().deleteBehavior()).isEqualTo(DeleteBehavior.DEPRECATE_IN_DATABASE);
        assertThat(spec.recrawlBehavior()).isEqualTo(RecrawlBehavior.CRAWL_EVERYTHING);
    }

    @Test
    void badTargetsAreNamed() {
        assertThatThrownBy(() -> CrawlerMapper.toSpec(create(s3())))
                .isInstanceOf(EpoxyException.class).hasMessage("Targets must have at least one S3Target");
        assertThatThrownBy(() -> CrawlerMapper.toSpec(create(s3(new CrawlerShapes.S3Target("/local/path", null, null, null, null, null)))))
                .hasMessage("Invalid S3Target Path: /local/path (expected s3://bucket/prefix)");
        CrawlerShapes.CrawlerTargets jdbc = new CrawlerShapes.CrawlerTargets(List.of(), List.of(Map.of("ConnectionName", "c")), null, null, null, null, null, null);
        assertThatThrownBy(() -> CrawlerMapper.toSpec(create(jdbc)))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("JdbcTargets are not supported: Epoxy crawls S3Targets only")
                .satisfies(e -> assertThat(((EpoxyException) e).code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
    }

    @Test
    void updateReplacesOnlyWhatIsSentAndEmptyStringsRemove() {
        CrawlerShapes.CreateCrawlerRequest created = new CrawlerShapes.CreateCrawlerRequest("c", "role", "db", "text",
                s3(new CrawlerShapes.S3Target("s3://b/raw/", List.of("**.tmp"), null, 5, null, null)), "cron(0 1 * * ? *)", null, "raw_",
                new CrawlerShapes.SchemaChangePolicy("LOG", "LOG"), null, null, null, null);
        CrawlerSpec current = CrawlerMapper.toSpec(created);
        CrawlerSpec updated = CrawlerMapper.updatedSpec(current, new CrawlerShapes.UpdateCrawlerRequest("c", null, null, "", null, null, null, "",
                new CrawlerShapes.SchemaChangePolicy(null, "DELETE_FROM_DATABASE"), new CrawlerShapes.RecrawlPolicy("CRAWL_NEW_FOLDERS_ONLY"), null, null));
        assertThat(updated.description()).isEmpty();
        assertThat(updated.tablePrefix()).isEmpty();
        assertThat(updated.s3Targets()).isEqualTo(current.s3Targets());
        assertThat(updated.schedule()).contains("cron(0 1 * * ? *)");
        assertThat(updated.schemaChangePolicy().updateBehavior()).isEqualTo(UpdateBehavior.LOG);
        assertThat(updated.schemaChangePolicy().deleteBehavior()).isEqualTo(DeleteBehavior.DELETE_FROM_DATABASE);
        assertThat(updated.recrawlBehavior()).isEqualTo(RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY);
    }

    @Test
    void runningCrawlerReportsElapsedTimeAndMetrics() {
        CrawlerSpec spec = CrawlerMapper.toSpec(create(s3(new CrawlerShapes.S3Target("s3://b/raw/", null, null, null, null, null))));
        Crawler ended = Crawler.created("c", spec, NOW).started(NOW).ended(new CrawlOutcome(CrawlStatus.SUCCEEDED, Optional.empty(), 2, 1, 0),
                new LastCrawl(CrawlStatus.SUCCEEDED, Optional.empty(), "/aws-glue/crawlers", "c", "crawl-1", NOW), NOW.plusSeconds(40));
        Crawler running = ended.started(NOW.plusSeconds(100));

        CrawlerShapes.Crawler wire = CrawlerMapper.toWire(running, NOW.plusSeconds(110));
        assertThat(wire.state()).isEqualTo("RUNNING");
        assertThat(wire.crawlElapsedTime()).isEqualTo(10_000L);
        assertThat(wire.lastCrawl().status()).isEqualTo("SUCCEEDED");
        assertThat(wire.lastCrawl().logGroup()).isEqualTo("/aws-glue/crawlers");

        CrawlerShapes.CrawlerMetrics metrics = CrawlerMapper.metricsOf(running, NOW.plusSeconds(110));
        assertThat(metrics.lastRuntimeSeconds()).isEqualTo(40.0);
        assertThat(metrics.medianRuntimeSeconds()).isEqualTo(40.0);
        assertThat(metrics.timeLeftSeconds()).isEqualTo(30.0);
        assertThat(metrics.stillEstimating()).isFalse();
        assertThat(metrics.tablesCreated()).isEqualTo(2);
        assertThat(CrawlerMapper.toWire(ended, NOW).crawlElapsedTime()).isNull();
    }
}
