package dev.epoxy.core.catalog;

import dev.epoxy.core.session.StoreSettings;

/**
 * Opens the {@link CatalogStore} on the server's database; found through {@link java.util.ServiceLoader}
 * so that the server never links a store at compile time (epoxy-jdbc provides one).
 *
 * <p>Interim: the resource-neutral store factory (one pool for every store) replaces this.
 */
public interface CatalogStoreFactory {
    /** The store and what closing it releases. */
    record OpenedStore(CatalogStore store, AutoCloseable resources) {}

    OpenedStore open(StoreSettings settings);
}
