package dev.epoxy.core.crawler;

import static dev.epoxy.core.ErrorCode.CRAWLER_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.CRAWLER_NOT_RUNNING;
import static dev.epoxy.core.ErrorCode.CRAWLER_RUNNING;
import static dev.epoxy.core.ErrorCode.CRAWLER_STOPPING;
import static dev.epoxy.core.ErrorCode.LIMIT_EXCEEDED;
import static dev.epoxy.core.Checks.checkInput;
import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.tag.TagStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crawlers and their state machine: READY → RUNNING on StartCrawler, RUNNING → STOPPING on
 * StopCrawler, and back to READY when the crawl's process exits, with the outcome as the last crawl.
 * The store holds the truth; every transition is a compare-and-set on the stored state, so a
 * StartCrawler racing another one, or a crawl ending while it is being stopped, has one winner.
 */
public final class CrawlerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlerService.class);
    static final String RESTARTED_MESSAGE = "the server restarted during the crawl";

    private final CrawlerStore store;
    private final TagStore tags;
    private final GlueArns arns;
    private final CrawlLauncher launcher;
    private final Clock clock;
    private final CrawlerConfig config;
    /** One permit per crawl process that may run; taken by a start, given back when its crawl ends. */
    private final Semaphore crawlSlots;
    private final Map<String, CrawlHandle> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * Creates the service and ends, truthfully, the crawls a previous server left RUNNING or STOPPING:
     * their processes are killed and their crawlers become READY with a FAILED last crawl.
     *
     * @param tags the crawlers' tags, under {@code arns.arnOf(CRAWLER, name)}
     */
    public CrawlerService(CrawlerStore store, TagStore tags, GlueArns arns, CrawlLauncher launcher, Clock clock, CrawlerConfig config) {
        this.store = requireNonNull(store, "store is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = requireNonNull(config, "config is null");
        this.crawlSlots = new Semaphore(config.maxConcurrentCrawls());
        recover();
    }

    /**
     * @throws EpoxyException {@code ALREADY_EXISTS} when the name is taken; {@code INVALID_INPUT} for more
     *     than {@link TagStore#MAX_TAGS} tags
     */
    public Crawler createCrawler(String name, CrawlerSpec spec, Map<String, String> crawlerTags) {
        checkInput(crawlerTags.size() <= TagStore.MAX_TAGS, "Cannot tag crawler %s: a resource can have at most %s tags, and this would make %s",
                name, TagStore.MAX_TAGS, crawlerTags.size());
        Crawler crawler = Crawler.created(name, spec, clock.instant());
        store.createCrawler(crawler);
        // A new crawler's tags: nothing a deleted namesake left behind survives.
        tags.replaceTags(arnOf(name), crawlerTags);
        LOG.info("Crawler {} created", name);
        return crawler;
    }

    public Optional<Crawler> findCrawler(String name) {
        return store.findCrawler(name);
    }

    /** @throws EpoxyException {@code CRAWLER_NOT_FOUND} */
    public Crawler loadCrawler(String name) {
        return store.findCrawler(name).orElseThrow(() -> new EpoxyException(CRAWLER_NOT_FOUND, "Crawler not found: %s", name));
    }

    /** A page of crawlers by name, after {@code afterName} (from the first when empty). */
    public List<Crawler> listCrawlers(Optional<String> afterName, int limit) {
        return store.listCrawlers(afterName, limit);
    }

    /**
     * Replaces the crawler's spec.
     *
     * @throws EpoxyException {@code CRAWLER_NOT_FOUND}; {@code CRAWLER_RUNNING} while it crawls
     */
    public Crawler updateCrawler(String name, CrawlerSpec spec) {
        Crawler current = loadCrawler(name);
        checkNotCrawling(current, "update");
        Crawler updated = current.withSpec(spec, clock.instant());
        if (!store.updateCrawler(updated, CrawlerState.READY)) {
            throw new EpoxyException(CRAWLER_RUNNING, "Cannot update crawler %s: it is running", name);
        }
        return updated;
    }

    /** @throws EpoxyException {@code CRAWLER_NOT_FOUND}; {@code CRAWLER_RUNNING} while it crawls */
    public void deleteCrawler(String name) {
        Crawler current = loadCrawler(name);
        checkNotCrawling(current, "delete");
        // A StartCrawler between the check and the delete would leave a crawl without a crawler: the
        // delete only goes ahead if the row is still READY, by marking it with a new version first.
        if (!store.updateCrawler(current.withSpec(current.spec(), clock.instant()), CrawlerState.READY)) {
            throw new EpoxyException(CRAWLER_RUNNING, "Cannot delete crawler %s: it is running", name);
        }
        if (!store.deleteCrawler(name)) {
            throw new EpoxyException(CRAWLER_NOT_FOUND, "Crawler not found: %s", name);
        }
        tags.deleteTags(arnOf(name));
        launcher.crawlerDeleted(name);
        LOG.info("Crawler {} deleted", name);
    }

    /**
     * Starts a crawl in its own process. A crawler without S3Targets and JdbcTargets (only targets crawls do not run)
     * goes RUNNING and at once READY again, its last crawl FAILED with a message naming its targets.
     *
     * @throws EpoxyException {@code CRAWLER_NOT_FOUND}; {@code CRAWLER_RUNNING} when it already crawls;
     *     {@code LIMIT_EXCEEDED} when {@link CrawlerConfig#maxConcurrentCrawls()} crawls run
     */
    public void startCrawler(String name) {
        Crawler current = loadCrawler(name);
        checkNotCrawling(current, "start");
        if (!crawlSlots.tryAcquire()) {
            throw new EpoxyException(LIMIT_EXCEEDED, "Cannot start crawler %s: %s crawls are running, the most epoxy.crawler.max-concurrent-crawls allows",
                    name, config.maxConcurrentCrawls());
        }
        Crawler started = current.started(clock.instant());
        boolean updated;
        try {
            updated = store.updateCrawler(started, CrawlerState.READY);
        }
        catch (RuntimeException e) {
            crawlSlots.release();
            throw e;
        }
        if (!updated) {
            crawlSlots.release();
            throw new EpoxyException(CRAWLER_RUNNING, "Cannot start crawler %s: it is already running", name);
        }
        LOG.info("Crawl of crawler {} started", name);
        if (started.spec().s3Targets().isEmpty() && started.spec().jdbcTargets().isEmpty()) {
            // Only targets crawls cannot run (catalog, table formats, NoSQL): the crawl ends at once, FAILED, naming them.
            crawlEnded(name, CrawlOutcome.failed(nothingToCrawl(started)));
            return;
        }
        CrawlHandle handle = launcher.launch(started, outcome -> crawlEnded(name, outcome));
        running.put(name, handle);
        // The crawl may have ended (failed to start) before the handle was recorded.
        if (store.findCrawler(name).map(crawler -> !crawler.state().isCrawling()).orElse(true)) {
            running.remove(name, handle);
        }
    }

    /**
     * Stops a crawl: its process group is killed and the crawler becomes READY with a CANCELLED last crawl.
     *
     * @throws EpoxyException {@code CRAWLER_NOT_FOUND}; {@code CRAWLER_NOT_RUNNING} when READY;
     *     {@code CRAWLER_STOPPING} when already stopping
     */
    public void stopCrawler(String name) {
        Crawler current = loadCrawler(name);
        switch (current.state()) {
            case READY -> throw new EpoxyException(CRAWLER_NOT_RUNNING, "Cannot stop crawler %s: it is not running", name);
            case STOPPING -> throw new EpoxyException(CRAWLER_STOPPING, "Cannot stop crawler %s: it is already stopping", name);
            case RUNNING -> {
                if (!store.updateCrawler(current.stopping(), CrawlerState.RUNNING)) {
                    throw new EpoxyException(CRAWLER_NOT_RUNNING, "Cannot stop crawler %s: it is not running", name);
                }
                LOG.info("Stopping the crawl of crawler {}", name);
                CrawlHandle handle = running.get(name);
                if (handle != null) {
                    handle.stop();
                }
            }
        }
    }

    /** The crawler's tags (for ListCrawlers' Tags filter); TagResource and its kin go to the tag store directly. */
    public Map<String, String> getTags(String name) {
        loadCrawler(name);
        return tags.getTags(arnOf(name));
    }

    private GlueArn arnOf(String name) {
        return arns.arnOf(GlueResourceType.CRAWLER, name);
    }

    /**
     * Kills every running crawl. Their crawlers stay RUNNING in the store, so that the next server
     * start ends them FAILED with {@link #RESTARTED_MESSAGE}, as after a crash: a crawl that a
     * shutdown cut short did not succeed, and nobody cancelled it.
     */
    @Override
    public void close() {
        closing = true;
        running.values().forEach(CrawlHandle::stop);
    }

    private void crawlEnded(String name, CrawlOutcome reported) {
        crawlSlots.release();
        if (closing) {
            return;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Crawler> found = store.findCrawler(name);
            if (found.isEmpty() || !found.get().state().isCrawling()) {
                break;
            }
            Crawler current = found.get();
            // A stopped crawl is CANCELLED whatever its killed process managed to write.
            CrawlOutcome outcome = current.state() == CrawlerState.STOPPING ? CrawlOutcome.cancelled() : reported;
            Instant now = clock.instant();
            LastCrawl crawl = new LastCrawl(outcome.status(), outcome.errorMessage(), launcher.logGroup(), name, messagePrefix(current), current.crawlStartedOn().orElse(now));
            if (store.updateCrawler(current.ended(outcome, crawl, now), current.state())) {
                LOG.info("Crawl of crawler {} ended {}{}", name, outcome.status(), outcome.errorMessage().map(message -> ": " + message).orElse(""));
                break;
            }
        }
        running.remove(name);
    }

    private void recover() {
        launcher.killOrphans();
        Optional<String> after = Optional.empty();
        while (true) {
            List<Crawler> page = store.listCrawlers(after, 100);
            if (page.isEmpty()) {
                return;
            }
            for (Crawler crawler : page) {
                if (crawler.state().isCrawling()) {
                    Instant now = clock.instant();
                    CrawlOutcome outcome = CrawlOutcome.failed(RESTARTED_MESSAGE);
                    LastCrawl crawl = new LastCrawl(CrawlStatus.FAILED, outcome.errorMessage(), launcher.logGroup(), crawler.name(), messagePrefix(crawler), crawler.crawlStartedOn().orElse(now));
                    store.updateCrawler(crawler.ended(outcome, crawl, now), crawler.state());
                    LOG.warn("Crawler {} was crawling when the server stopped; its crawl is marked FAILED", crawler.name());
                }
            }
            after = Optional.of(page.get(page.size() - 1).name());
        }
    }

    static String nothingToCrawl(Crawler crawler) {
        return format("Cannot crawl the %s of crawler %s: Epoxy crawls S3Targets and JdbcTargets only, and the crawler has neither",
                String.join(", ", crawler.spec().uncrawledTargets()), crawler.name());
    }

    /** Glue's MessagePrefix identifies one crawl's lines in the log stream: here, its start time. */
    private static String messagePrefix(Crawler crawler) {
        return crawler.crawlStartedOn().map(instant -> "crawl-" + instant.toEpochMilli()).orElse("crawl");
    }

    private static void checkNotCrawling(Crawler crawler, String action) {
        if (crawler.state().isCrawling()) {
            throw new EpoxyException(CRAWLER_RUNNING, "Cannot %s crawler %s: it is %s", action, crawler.name(), crawler.state());
        }
    }
}
