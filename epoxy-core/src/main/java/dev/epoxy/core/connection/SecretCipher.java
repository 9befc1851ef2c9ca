package dev.epoxy.core.connection;

/**
 * Seals the secrets of Glue connections (their {@code PASSWORD}) before they reach the store, and opens
 * them for the callers allowed to see them. The key lives outside the database, so a copy of the database
 * alone reveals no password.
 */
public interface SecretCipher {
    /** The sealed form of {@code secret}: self-describing (it names the key it was sealed with), safe to store. */
    String seal(String secret);

    /**
     * @throws dev.epoxy.core.EpoxyException {@code INTERNAL} when the sealed value names a key this server does
     *     not have, or was altered
     */
    String open(String sealed);

    /** Whether {@code sealed} was sealed with a key other than the current one (a rotation re-seals it). */
    boolean needsResealing(String sealed);
}
