package dev.epoxy.jdbc;

import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.core.store.StoreSettings;

/** Opens {@link JdbcStores}; found by the server through {@link java.util.ServiceLoader}. */
public final class JdbcStoresFactory implements StoresFactory {
    @Override
    public Stores open(StoreSettings settings) {
        return JdbcStores.open(settings);
    }
}
