package dev.epoxy.core.store;

/**
 * Opens the {@link Stores}. The server finds the implementation through {@link java.util.ServiceLoader}
 * so that it never links a store at compile time (epoxy-jdbc provides one).
 */
public interface StoresFactory {
    /**
     * Opens the stores, creating or migrating their schema as needed.
     *
     * @throws dev.epoxy.core.EpoxyException {@code INTERNAL} when the database cannot be reached or migrated
     */
    Stores open(StoreSettings settings);
}
