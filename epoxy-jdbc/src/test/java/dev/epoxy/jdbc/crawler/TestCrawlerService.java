package dev.epoxy.jdbc.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.crawler.CrawlOutcome;
import dev.epoxy.core.crawler.CrawlStatus;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerConfig;
import dev.epoxy.core.crawler.CrawlerService;
import dev.epoxy.core.crawler.CrawlerState;
import dev.epoxy.core.crawler.LastCrawl;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.JdbcStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crawler state machine over a real (H2) store, with a hand-written launcher standing in for crawl processes. */
final class TestCrawlerService {
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

    @TempDir
    Path home;

    private JdbcStores stores;
    private TestingCrawlLauncher launcher;
    private CrawlerService crawlers;

    @BeforeEach
    void start() {
        stores = JdbcStores.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
        launcher = new TestingCrawlLauncher();
        crawlers = new CrawlerService(stores.crawlers(), stores.tags(), GlueArns.defaults(), launcher, Clock.fixed(NOW, ZoneOffset.UTC), CrawlerConfig.defaults().withMaxConcurrentCrawls(2));
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    private static void assertFails(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOf(EpoxyException.class).hasMessage(message)
                .satisfies(e -> assertThat(((EpoxyException) e).code()).isEqualTo(code));
    }

    @Test
    void aCrawlRunsAndEndsWithItsOutcome() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        crawlers.startCrawler("c");
        assertThat(crawlers.loadCrawler("c").state()).isEqualTo(CrawlerState.RUNNING);
        assertThat(launcher.launched).containsExactly("c");

        launcher.finish("c", new CrawlOutcome(CrawlStatus.SUCCEEDED, Optional.empty(), 1, 0, 0));

        Crawler ended = crawlers.loadCrawler("c");
        assertThat(ended.state()).isEqualTo(CrawlerState.READY);
        assertThat(ended.lastCrawl()).contains(new LastCrawl(CrawlStatus.SUCCEEDED, Optional.empty(), "/aws-glue/crawlers", "c",
                "crawl-" + NOW.toEpochMilli(), NOW));
        assertThat(ended.metrics().tablesCreated()).isEqualTo(1);
    }

    @Test
    void aCrawlerWithOnlyTargetsCrawlsDoNotRunEndsItsCrawlFailedNamingThem() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.uncrawledSpec(), Map.of());
        crawlers.startCrawler("c");

        assertThat(launcher.launched).isEmpty();
        Crawler ended = crawlers.loadCrawler("c");
        assertThat(ended.state()).isEqualTo(CrawlerState.READY);
        assertThat(ended.lastCrawl()).contains(new LastCrawl(CrawlStatus.FAILED,
                Optional.of("Cannot crawl the DeltaTargets, HudiTargets of crawler c: Epoxy crawls S3Targets and JdbcTargets only, and the crawler has neither"),
                "/aws-glue/crawlers", "c", "crawl-" + NOW.toEpochMilli(), NOW));
        // The crawl slot is given back: the limit still allows as many crawls as before.
        for (String name : java.util.List.of("a", "b")) {
            crawlers.createCrawler(name, BaseCrawlerStoreTest.minimalSpec(), Map.of());
            crawlers.startCrawler(name);
        }
        assertThat(launcher.launched).containsExactly("a", "b");
    }

    @Test
    void startingARunningCrawlerFails() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        crawlers.startCrawler("c");
        assertFails(() -> crawlers.startCrawler("c"), ErrorCode.CRAWLER_RUNNING, "Cannot start crawler c: it is RUNNING");
        assertFails(() -> crawlers.deleteCrawler("c"), ErrorCode.CRAWLER_RUNNING, "Cannot delete crawler c: it is RUNNING");
        assertFails(() -> crawlers.updateCrawler("c", BaseCrawlerStoreTest.fullSpec()), ErrorCode.CRAWLER_RUNNING, "Cannot update crawler c: it is RUNNING");
        assertThat(launcher.launched).containsExactly("c");
    }

    @Test
    void crawlsBeyondTheLimitAreRefusedUntilOneEnds() {
        for (String name : java.util.List.of("a", "b", "c")) {
            crawlers.createCrawler(name, BaseCrawlerStoreTest.minimalSpec(), Map.of());
        }
        crawlers.startCrawler("a");
        crawlers.startCrawler("b");
        assertFails(() -> crawlers.startCrawler("c"), ErrorCode.LIMIT_EXCEEDED,
                "Cannot start crawler c: 2 crawls are running, the most epoxy.crawler.max-concurrent-crawls allows");
        assertThat(crawlers.loadCrawler("c").state()).isEqualTo(CrawlerState.READY);
        launcher.finish("a", new CrawlOutcome(CrawlStatus.SUCCEEDED, Optional.empty(), 0, 0, 0));
        crawlers.startCrawler("c");
        assertThat(launcher.launched).containsExactly("a", "b", "c");
    }

    @Test
    void stoppingEndsTheCrawlCancelled() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        assertFails(() -> crawlers.stopCrawler("c"), ErrorCode.CRAWLER_NOT_RUNNING, "Cannot stop crawler c: it is not running");
        crawlers.startCrawler("c");
        crawlers.stopCrawler("c");
        assertThat(launcher.stopped).containsExactly("c");
        Crawler stopped = crawlers.loadCrawler("c");
        assertThat(stopped.state()).isEqualTo(CrawlerState.READY);
        // What the killed process reported does not matter: the user cancelled it.
        assertThat(stopped.lastCrawl().orElseThrow().status()).isEqualTo(CrawlStatus.CANCELLED);
        assertThat(stopped.lastCrawl().orElseThrow().errorMessage()).isEmpty();
    }

    @Test
    void aCrawlThatFailsToLaunchEndsFailed() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        launcher.launched.clear();
        crawlers.startCrawler("c");
        launcher.finish("c", CrawlOutcome.failed("Spark home /x has no executable bin/spark-submit"));
        Crawler failed = crawlers.loadCrawler("c");
        assertThat(failed.state()).isEqualTo(CrawlerState.READY);
        assertThat(failed.lastCrawl().orElseThrow().errorMessage()).contains("Spark home /x has no executable bin/spark-submit");
        crawlers.startCrawler("c");
        assertThat(launcher.launched).containsExactly("c", "c");
    }

    @Test
    void aNewServerEndsCrawlsOfTheOldOneFailed() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        crawlers.createCrawler("idle", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        crawlers.startCrawler("c");
        crawlers.close();

        TestingCrawlLauncher next = new TestingCrawlLauncher();
        CrawlerService restarted = new CrawlerService(stores.crawlers(), stores.tags(), GlueArns.defaults(), next, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC), CrawlerConfig.defaults());

        assertThat(next.orphanKills).isEqualTo(1);
        Crawler recovered = restarted.loadCrawler("c");
        assertThat(recovered.state()).isEqualTo(CrawlerState.READY);
        assertThat(recovered.lastCrawl().orElseThrow().status()).isEqualTo(CrawlStatus.FAILED);
        assertThat(recovered.lastCrawl().orElseThrow().errorMessage()).contains("the server restarted during the crawl");
        assertThat(recovered.metrics().lastRuntimeSeconds()).isEqualTo(30.0);
        assertThat(restarted.loadCrawler("idle").lastCrawl()).isEmpty();
    }

    @Test
    void deleteRemovesTheCrawlerWithItsTagsAndTellsTheLauncher() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of("a", "1"));
        assertThat(crawlers.getTags("c")).isEqualTo(Map.of("a", "1"));
        crawlers.deleteCrawler("c");
        assertThat(stores.tags().getTags(GlueArns.defaults().arnOf(GlueResourceType.CRAWLER, "c"))).isEmpty();
        assertThat(crawlers.findCrawler("c")).isEmpty();
        assertThat(launcher.deleted).containsExactly("c");
        assertFails(() -> crawlers.deleteCrawler("c"), ErrorCode.CRAWLER_NOT_FOUND, "Crawler not found: c");
        assertFails(() -> crawlers.getTags("c"), ErrorCode.CRAWLER_NOT_FOUND, "Crawler not found: c");
        // A new crawler of that name starts without the old one's tags.
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        assertThat(crawlers.getTags("c")).isEmpty();
    }

    @Test
    void updateReplacesTheSpecAndCountsTheVersion() {
        crawlers.createCrawler("c", BaseCrawlerStoreTest.minimalSpec(), Map.of());
        crawlers.updateCrawler("c", BaseCrawlerStoreTest.fullSpec());
        Crawler updated = crawlers.loadCrawler("c");
        assertThat(updated.spec()).isEqualTo(BaseCrawlerStoreTest.fullSpec());
        assertThat(updated.version()).isEqualTo(2);
    }
}
