package dev.epoxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.connection.ConnectionService;
import dev.epoxy.core.connection.StoredConnection;
import dev.epoxy.core.store.Stores;
import dev.epoxy.server.config.ConfigLoader;
import dev.epoxy.server.config.EpoxyConfig;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.secret.ConnectionKeyring;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./epoxy rotate-connection-key} over the server's own embedded H2 store and key file in a home directory. */
final class TestRotateConnectionKey {
    @TempDir
    Path home;

    private EpoxyConfig config() {
        return ConfigLoader.standard().load(List.of("--home", home.toString()), Map.of(), Map.of());
    }

    @Test
    void rotationResealsEverySecretAndRemovesTheOldKey() {
        EpoxyConfig config = config();
        Path keyFile = ConnectionKeyring.fileIn(home);
        String oldKey;
        String oldSealed;
        try (Stores stores = EpoxyServer.openStores(config)) {
            ConnectionKeyring keyring = ConnectionKeyring.openOrCreate(keyFile);
            oldKey = keyring.currentKeyId();
            ConnectionService connections = service(stores, keyring);
            connections.create("with-password", "{\"ConnectionType\":\"JDBC\"}", Optional.of("secret-1"), Map.of());
            connections.create("without-password", "{\"ConnectionType\":\"JDBC\"}", Optional.empty(), Map.of());
            // More than one batch of the re-sealing loop.
            for (int index = 0; index < 205; index++) {
                connections.create("bulk-" + index, "{}", Optional.of("bulk-secret-" + index), Map.of());
            }
            oldSealed = stores.connections().findConnection("with-password").orElseThrow().sealedPassword().orElseThrow();
        }

        RotateConnectionKeyMain.Rotation rotation = RotateConnectionKeyMain.rotate(config);

        assertThat(rotation.oldKeyIds()).containsExactly(oldKey);
        assertThat(rotation.newKeyId()).isNotEqualTo(oldKey);
        assertThat(rotation.resealed()).isEqualTo(206);
        assertThat(rotation.removedKeyIds()).containsExactly(oldKey);
        ConnectionKeyring keyring = ConnectionKeyring.openOrCreate(keyFile);
        assertThat(keyring.keyIds()).containsExactly(rotation.newKeyId());
        try (Stores stores = EpoxyServer.openStores(config)) {
            ConnectionService connections = service(stores, keyring);
            assertThat(connections.load("with-password", true).password()).contains("secret-1");
            assertThat(connections.load("bulk-204", true).password()).contains("bulk-secret-204");
            assertThat(connections.load("without-password", true).password()).isEmpty();
            assertThat(connections.countSecretsToReseal()).isZero();
            StoredConnection stored = stores.connections().findConnection("with-password").orElseThrow();
            assertThat(stored.sealedPassword().orElseThrow()).startsWith("v1:" + rotation.newKeyId() + ":").isNotEqualTo(oldSealed);
        }
        // The old key is gone, so a value sealed with it no longer opens: nothing stored still needs it.
        assertThatThrownBy(() -> keyring.open(oldSealed))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("A stored connection secret was sealed with key %s, which %s does not hold", oldKey, keyFile);
    }

    private ConnectionService service(Stores stores, ConnectionKeyring keyring) {
        return new ConnectionService(stores.connections(), stores.tags(), ServerConfig.from(config()).arns(), keyring, Clock.systemUTC());
    }
}
