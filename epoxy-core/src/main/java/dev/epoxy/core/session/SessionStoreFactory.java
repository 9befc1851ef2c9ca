package dev.epoxy.core.session;

/**
 * Opens a {@link SessionStore}. The server finds the implementation through {@link java.util.ServiceLoader}
 * so that it never links a store at compile time (epoxy-jdbc provides one).
 */
public interface SessionStoreFactory {
    /**
     * Opens the store, creating or migrating its schema as needed.
     *
     * @throws dev.epoxy.core.EpoxyException {@code INTERNAL} when the database cannot be reached or migrated
     */
    SessionStore open(StoreSettings settings);
}
