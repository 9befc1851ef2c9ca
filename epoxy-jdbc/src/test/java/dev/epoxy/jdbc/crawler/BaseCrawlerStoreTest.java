package dev.epoxy.jdbc.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.crawler.CrawlOutcome;
import dev.epoxy.core.crawler.CrawlStatus;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.core.crawler.CrawlerState;
import dev.epoxy.core.crawler.CrawlerStore;
import dev.epoxy.core.crawler.DeleteBehavior;
import dev.epoxy.core.crawler.JdbcTarget;
import dev.epoxy.core.crawler.LastCrawl;
import dev.epoxy.core.crawler.RecrawlBehavior;
import dev.epoxy.core.crawler.S3Target;
import dev.epoxy.core.crawler.SchemaChangePolicy;
import dev.epoxy.core.crawler.UpdateBehavior;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.jdbc.JdbcStores;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link CrawlerStore}, run against every database; each test starts from an empty, migrated one. */
public abstract class BaseCrawlerStoreTest {
    private static final String UNICODE = "Grüße, 日本語, 🚀, \"quoted\" 'single'";
    private static final Instant CREATED = Instant.ofEpochMilli(1_780_000_000_123L);

    private JdbcStores opened;
    protected CrawlerStore store;
    private int databaseCount;

    /** Settings of a new, empty database (or schema) named {@code name}. */
    protected abstract StoreSettings emptyDatabase(String name);

    @BeforeEach
    void openStore() {
        opened = JdbcStores.open(emptyDatabase("crawlers" + (databaseCount++) + "_" + System.nanoTime() % 1_000_000));
        store = opened.crawlers();
    }

    @AfterEach
    void closeStore() {
        opened.close();
    }

    static CrawlerSpec fullSpec() {
        return new CrawlerSpec("arn:aws:iam::123456789012:role/" + UNICODE, "db", Optional.of(UNICODE),
                List.of(new S3Target("s3://b/raw/", List.of("**.tmp", "a,b"), Optional.of(7)), new S3Target("s3://b/other", List.of(), Optional.empty())),
                List.of(new JdbcTarget("pg " + UNICODE, "epoxy/public/%", List.of("tmp_*", "a,b"), List.of("RAWTYPES")), new JdbcTarget("my", "db/t", List.of(), List.of())),
                List.of("HudiTargets"), List.of("custom"), Optional.of("raw_"), new SchemaChangePolicy(UpdateBehavior.LOG, DeleteBehavior.DELETE_FROM_DATABASE),
                RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY, Optional.of("{\"Version\":1.0}"), Optional.of("cron(0 * * * ? *)"), Optional.of("sec"),
                Optional.of("{\"Description\":\"" + UNICODE.replace("\"", "\\\"") + "\",\"Targets\":{\"JdbcTargets\":[{\"Path\":\"db/%\"}]}}"));
    }

    static CrawlerSpec minimalSpec() {
        return new CrawlerSpec("role", "db", Optional.empty(), List.of(new S3Target("s3://b/x/", List.of(), Optional.empty())), List.of(), List.of(), List.of(),
                Optional.empty(), SchemaChangePolicy.defaults(), RecrawlBehavior.CRAWL_EVERYTHING, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A crawler whose only targets are ones crawls do not run. */
    static CrawlerSpec uncrawledSpec() {
        return new CrawlerSpec("role", "db", Optional.empty(), List.of(), List.of(), List.of("DeltaTargets", "HudiTargets"), List.of(),
                Optional.empty(), SchemaChangePolicy.defaults(), RecrawlBehavior.CRAWL_EVERYTHING, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("{}"));
    }

    @Test
    void everyMemberRoundTrips() {
        Crawler crawler = Crawler.created("full", fullSpec(), CREATED);
        store.createCrawler(crawler);
        assertThat(store.findCrawler("full")).contains(crawler);

        Crawler minimal = Crawler.created("minimal", minimalSpec(), CREATED);
        store.createCrawler(minimal);
        assertThat(store.findCrawler("minimal")).contains(minimal);
    }

    @Test
    void lastCrawlAndMetricsRoundTrip() {
        Crawler crawler = Crawler.created("c", minimalSpec(), CREATED);
        store.createCrawler(crawler);
        Crawler running = crawler.started(CREATED.plusSeconds(1));
        assertThat(store.updateCrawler(running, CrawlerState.READY)).isTrue();
        assertThat(store.findCrawler("c")).contains(running);
        CrawlOutcome outcome = new CrawlOutcome(CrawlStatus.FAILED, Optional.of(UNICODE), 1, 2, 3);
        LastCrawl last = new LastCrawl(CrawlStatus.FAILED, Optional.of(UNICODE), "/aws-glue/crawlers", "c", "crawl-1", CREATED.plusSeconds(1));
        Crawler ended = running.ended(outcome, last, CREATED.plusMillis(3500));
        assertThat(store.updateCrawler(ended, CrawlerState.RUNNING)).isTrue();
        Crawler stored = store.findCrawler("c").orElseThrow();
        assertThat(stored).isEqualTo(ended);
        assertThat(stored.metrics().lastRuntimeSeconds()).isEqualTo(2.5);
    }

    @Test
    void updateIsACompareAndSetOnTheState() {
        Crawler crawler = Crawler.created("c", minimalSpec(), CREATED);
        store.createCrawler(crawler);
        assertThat(store.updateCrawler(crawler.started(CREATED), CrawlerState.READY)).isTrue();
        // A second start sees RUNNING, not READY: it loses.
        assertThat(store.updateCrawler(crawler.started(CREATED.plusSeconds(1)), CrawlerState.READY)).isFalse();
        assertThat(store.findCrawler("c").orElseThrow().crawlStartedOn()).contains(CREATED);
        assertThat(store.updateCrawler(Crawler.created("missing", minimalSpec(), CREATED), CrawlerState.READY)).isFalse();
    }

    @Test
    void duplicateNameFails() {
        store.createCrawler(Crawler.created("c", minimalSpec(), CREATED));
        assertThatThrownBy(() -> store.createCrawler(Crawler.created("c", fullSpec(), CREATED)))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Crawler already exists: c");
    }

    @Test
    void pagesByName() {
        for (String name : List.of("b", "a", "d", "c")) {
            store.createCrawler(Crawler.created(name, minimalSpec(), CREATED));
        }
        assertThat(store.listCrawlers(Optional.empty(), 2)).extracting(Crawler::name).containsExactly("a", "b");
        assertThat(store.listCrawlers(Optional.of("b"), 2)).extracting(Crawler::name).containsExactly("c", "d");
        assertThat(store.listCrawlers(Optional.of("d"), 2)).isEmpty();
    }

    @Test
    void deleteRemovesTheCrawler() {
        store.createCrawler(Crawler.created("c", minimalSpec(), CREATED));
        assertThat(store.deleteCrawler("c")).isTrue();
        assertThat(store.findCrawler("c")).isEmpty();
        assertThat(store.deleteCrawler("c")).isFalse();
        // The name can be used again.
        Crawler again = Crawler.created("c", fullSpec(), CREATED.plusSeconds(1));
        store.createCrawler(again);
        assertThat(store.findCrawler("c")).contains(again);
    }
}
