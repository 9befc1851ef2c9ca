package dev.epoxy.core.crawler;

import dev.epoxy.core.session.StoreSettings;

/** Opens the {@link CrawlerStore}; found by the server through {@link java.util.ServiceLoader}. */
public interface CrawlerStoreFactory {
    /** @throws dev.epoxy.core.EpoxyException {@code INTERNAL} when the database cannot be reached or migrated */
    CrawlerStore open(StoreSettings settings);
}
