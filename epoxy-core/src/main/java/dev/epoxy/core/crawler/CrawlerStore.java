package dev.epoxy.core.crawler;

import java.util.List;
import java.util.Optional;

/**
 * Durable home of crawlers (their tags are in the ARN-keyed {@link dev.epoxy.core.tag.TagStore}). Thread-safe; every method fails with {@code INTERNAL}
 * when the database cannot be reached.
 */
public interface CrawlerStore {
    /**
     * @throws dev.epoxy.core.EpoxyException {@code ALREADY_EXISTS} if a crawler with this name exists
     */
    void createCrawler(Crawler crawler);

    Optional<Crawler> findCrawler(String name);

    /** Up to {@code limit} crawlers whose names sort after {@code afterName} (all when empty), by name. */
    List<Crawler> listCrawlers(Optional<String> afterName, int limit);

    /**
     * Replaces the stored crawler if its state is still {@code expected}; the state machine's compare-and-set.
     *
     * @return whether the row was replaced
     */
    boolean updateCrawler(Crawler crawler, CrawlerState expected);

    /** @return whether a crawler was deleted */
    boolean deleteCrawler(String name);
}
