package dev.epoxy.server;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.connection.ConnectionService;
import dev.epoxy.core.store.Stores;
import dev.epoxy.server.config.ConfigLoader;
import dev.epoxy.server.config.EpoxyConfig;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.secret.ConnectionKeyring;
import java.time.Clock;
import java.util.List;

/**
 * {@code ./epoxy rotate-connection-key [--home DIR] [--config key=value ...]}: with the server stopped, puts a
 * new current key in front of the connection keyring, re-seals every stored connection secret with it, and
 * then removes the old keys from the file. It opens the store the server's configuration names (the same
 * home, {@code epoxy.properties}, {@code EPOXY_*} variables and {@code --config}). Interrupted half-way, the
 * old keys are still in the file and every secret still opens: run it again.
 */
public final class RotateConnectionKeyMain {
    private RotateConnectionKeyMain() {}

    /** What a rotation did. */
    public record Rotation(List<String> oldKeyIds, String newKeyId, int resealed, List<String> removedKeyIds) {
        public Rotation {
            oldKeyIds = List.copyOf(oldKeyIds);
            requireNonNull(newKeyId, "newKeyId is null");
            removedKeyIds = List.copyOf(removedKeyIds);
        }
    }

    public static void main(String[] args) {
        EpoxyConfig config;
        try {
            config = ConfigLoader.standard().loadFromProcess(args);
        }
        catch (EpoxyException e) {
            System.err.println("epoxy: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Rotation rotation = rotate(config);
            System.out.printf("Connection key rotated in %s: new key %s; %d connection secret(s) re-sealed; old key(s) removed: %s%n",
                    ConnectionKeyring.fileIn(config.home()), rotation.newKeyId(), rotation.resealed(),
                    rotation.removedKeyIds().isEmpty() ? "none" : String.join(", ", rotation.removedKeyIds()));
        }
        catch (EpoxyException e) {
            System.err.println("epoxy: cannot rotate the connection key: " + e.getMessage()
                    + (e.getCause() != null && e.getCause().getMessage() != null ? " (" + e.getCause().getMessage().lines().findFirst().orElse("") + ")" : ""));
            System.err.println("epoxy: the server must be stopped; the old keys are kept until every secret is re-sealed, so running this again is safe");
            System.exit(1);
        }
    }

    /**
     * Rotates the key of the server {@code config} describes and re-seals its stored secrets.
     *
     * @throws EpoxyException {@code INTERNAL} when the store or the key file cannot be opened (for the embedded
     *     H2 store: while the server runs) or written
     */
    public static Rotation rotate(EpoxyConfig config) {
        requireNonNull(config, "config is null");
        ServerConfig serverConfig = ServerConfig.from(config);
        // The store first: an embedded database a running server holds is locked, and nothing changes then.
        try (Stores stores = EpoxyServer.openStores(config)) {
            ConnectionKeyring keyring = ConnectionKeyring.openOrCreate(ConnectionKeyring.fileIn(config.home()));
            List<String> oldKeyIds = keyring.keyIds();
            ConnectionKeyring rotated = keyring.rotate();
            ConnectionService connections = new ConnectionService(stores.connections(), stores.tags(), serverConfig.arns(), rotated, Clock.systemUTC());
            int resealed = connections.resealSecrets();
            // Only when nothing sealed with an old key is left (a value another process stored meanwhile keeps them).
            List<String> removed = List.of();
            if (connections.countSecretsToReseal() == 0) {
                rotated.withoutOldKeys();
                removed = oldKeyIds;
            }
            return new Rotation(oldKeyIds, rotated.currentKeyId(), resealed, removed);
        }
    }
}
