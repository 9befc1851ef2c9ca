package dev.epoxy.core.connection;

import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.tag.TagStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Glue connections: their documents in the {@link ConnectionStore}, their secrets sealed by the server's
 * {@link SecretCipher} on the way in and opened only for callers that ask for them, their tags under
 * {@code connection/<name>} ARNs. Names are case-insensitive and kept lower-case, as the catalog's.
 */
public final class ConnectionService implements ConnectionReferences {
    private static final int MAX_ECHOED_LENGTH = 64;
    private static final int RESEAL_BATCH = 200;

    private final ConnectionStore store;
    private final TagStore tags;
    private final GlueArns arns;
    private final SecretCipher cipher;
    private final Clock clock;

    public ConnectionService(ConnectionStore store, TagStore tags, GlueArns arns, SecretCipher cipher, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A connection read back: the stored form and, when asked for, its opened password. */
    public record OpenedConnection(StoredConnection stored, Optional<String> password) {
        public OpenedConnection {
            requireNonNull(stored, "stored is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString() {
            return "OpenedConnection[" + stored + ", password=" + password.map(ignored -> "****").orElse("hidden") + "]";
        }
    }

    /** The stored name of {@code name}. */
    public static String canonicalName(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @param document the {@code Connection} document without its password
     * @throws EpoxyException {@code ALREADY_EXISTS}
     */
    public void create(String name, String document, Optional<String> password, Map<String, String> connectionTags) {
        Instant now = clock.instant();
        String stored = canonicalName(name);
        store.createConnection(new StoredConnection(stored, document, password.map(cipher::seal), now, now));
        if (!connectionTags.isEmpty()) {
            tags.replaceTags(arnOf(stored), connectionTags);
        }
    }

    /** @throws EpoxyException {@code ENTITY_NOT_FOUND} naming the connection */
    public OpenedConnection load(String name, boolean withPassword) {
        return find(name, withPassword).orElseThrow(() -> notFound(name));
    }

    public Optional<OpenedConnection> find(String name, boolean withPassword) {
        return store.findConnection(canonicalName(name)).map(connection -> opened(connection, withPassword));
    }

    /** At most {@code limit} connections in name order after {@code afterName}. */
    public List<OpenedConnection> list(Optional<String> afterName, int limit, boolean withPasswords) {
        return store.listConnections(afterName, limit).stream().map(connection -> opened(connection, withPasswords)).toList();
    }

    /**
     * Replaces the connection's document and secret (UpdateConnection replaces the whole input: no
     * password given means none kept), keeping its creation time and tags.
     *
     * @throws EpoxyException {@code ENTITY_NOT_FOUND} naming the connection
     */
    public void update(String name, String document, Optional<String> password) {
        StoredConnection current = load(name, false).stored();
        StoredConnection updated = new StoredConnection(current.name(), document, password.map(cipher::seal), current.creationTime(), clock.instant());
        if (!store.updateConnection(updated)) {
            throw notFound(name);
        }
    }

    /**
     * Re-seals, with the cipher's current key, every stored secret sealed with another key (after a key
     * rotation); documents and times are kept.
     *
     * @return how many secrets were re-sealed
     */
    public int resealSecrets() {
        int resealed = 0;
        Optional<String> after = Optional.empty();
        while (true) {
            List<StoredConnection> batch = store.listConnections(after, RESEAL_BATCH);
            for (StoredConnection connection : batch) {
                after = Optional.of(connection.name());
                if (connection.sealedPassword().isPresent() && cipher.needsResealing(connection.sealedPassword().get())) {
                    String secret = cipher.open(connection.sealedPassword().get());
                    StoredConnection updated = new StoredConnection(connection.name(), connection.document(), Optional.of(cipher.seal(secret)),
                            connection.creationTime(), connection.lastUpdatedTime());
                    if (store.updateConnection(updated)) {
                        resealed++;
                    }
                }
            }
            if (batch.size() < RESEAL_BATCH) {
                return resealed;
            }
        }
    }

    /** How many stored secrets are sealed with a key other than the cipher's current one. */
    public int countSecretsToReseal() {
        int count = 0;
        Optional<String> after = Optional.empty();
        while (true) {
            List<StoredConnection> batch = store.listConnections(after, RESEAL_BATCH);
            for (StoredConnection connection : batch) {
                after = Optional.of(connection.name());
                if (connection.sealedPassword().filter(cipher::needsResealing).isPresent()) {
                    count++;
                }
            }
            if (batch.size() < RESEAL_BATCH) {
                return count;
            }
        }
    }

    @Override
    public void checkExist(String user, List<String> names) {
        for (String name : names) {
            if (store.findConnection(canonicalName(name)).isEmpty()) {
                throw new EpoxyException(INVALID_INPUT, "Cannot use connection %s for %s: connection not found", shortened(name), user);
            }
        }
    }

    /** @return false when there was no such connection */
    public boolean delete(String name) {
        String stored = canonicalName(name);
        boolean deleted = store.deleteConnection(stored);
        tags.deleteTags(arnOf(stored));
        return deleted;
    }

    public GlueArn arnOf(String name) {
        return arns.arnOf(GlueResourceType.CONNECTION, canonicalName(name));
    }

    private static EpoxyException notFound(String name) {
        return new EpoxyException(ENTITY_NOT_FOUND, "Connection not found: %s", shortened(canonicalName(name)));
    }

    private static String shortened(String name) {
        return name.length() <= MAX_ECHOED_LENGTH ? name : name.substring(0, MAX_ECHOED_LENGTH) + "...";
    }

    private OpenedConnection opened(StoredConnection connection, boolean withPassword) {
        return new OpenedConnection(connection, withPassword ? connection.sealedPassword().map(cipher::open) : Optional.empty());
    }
}
