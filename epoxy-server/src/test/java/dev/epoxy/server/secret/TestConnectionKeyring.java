package dev.epoxy.server.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConnectionKeyring {
    private static final String PASSWORD = "s3cr3t-Pässword!";

    @TempDir
    Path home;

    @Test
    void firstStartCreatesAnOwnerOnlyFileWithOneKeyAndSealedValuesOpen() throws Exception {
        Path file = home.resolve("keys/connections.keys");
        ConnectionKeyring keyring = ConnectionKeyring.openOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file, UTF_8)).hasSize(1).first().asString().startsWith(keyring.currentKeyId() + " ");
        String sealed = keyring.seal(PASSWORD);
        assertThat(sealed).startsWith("v1:" + keyring.currentKeyId() + ":").doesNotContain(PASSWORD);
        assertThat(keyring.open(sealed)).isEqualTo(PASSWORD);
        assertThat(ConnectionKeyring.openOrCreate(file).open(sealed)).isEqualTo(PASSWORD);
    }

    @Test
    void eachSealUsesAFreshIvSoEqualPasswordsLookDifferent() {
        ConnectionKeyring keyring = ConnectionKeyring.openOrCreate(home.resolve("connections.keys"));
        assertThat(keyring.seal(PASSWORD)).isNotEqualTo(keyring.seal(PASSWORD));
    }

    @Test
    void rotationSealsWithTheNewKeyAndOlderValuesStillOpen() {
        Path file = home.resolve("connections.keys");
        ConnectionKeyring first = ConnectionKeyring.openOrCreate(file);
        String old = first.seal(PASSWORD);

        ConnectionKeyring rotated = first.rotate();

        assertThat(rotated.currentKeyId()).isNotEqualTo(first.currentKeyId());
        assertThat(rotated.needsResealing(old)).isTrue();
        String fresh = rotated.seal(PASSWORD);
        assertThat(rotated.needsResealing(fresh)).isFalse();
        ConnectionKeyring reloaded = ConnectionKeyring.openOrCreate(file);
        assertThat(reloaded.currentKeyId()).isEqualTo(rotated.currentKeyId());
        assertThat(reloaded.open(old)).isEqualTo(PASSWORD);
        assertThat(reloaded.open(fresh)).isEqualTo(PASSWORD);
    }

    @Test
    void alteredValuesOrUnknownKeysDoNotOpenAndTheMessageHoldsNoSecret() {
        ConnectionKeyring keyring = ConnectionKeyring.openOrCreate(home.resolve("connections.keys"));
        String sealed = keyring.seal(PASSWORD);
        String[] parts = sealed.split(":", 3);
        byte[] data = Base64.getDecoder().decode(parts[2]);
        data[data.length - 1] ^= 1;
        String altered = parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(data);

        assertThatThrownBy(() -> keyring.open(altered)).isInstanceOf(EpoxyException.class)
                .hasMessage("A stored connection secret sealed with key %s does not open: it was altered", parts[1]);
        ConnectionKeyring other = ConnectionKeyring.openOrCreate(home.resolve("other.keys"));
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(EpoxyException.class)
                .hasMessageContaining("was sealed with key " + parts[1]);
        // The key id is bound to the ciphertext: relabelling a value with another key's id does not open it.
        String relabelled = parts[0] + ":" + other.currentKeyId() + ":" + parts[2];
        assertThatThrownBy(() -> other.open(relabelled)).isInstanceOf(EpoxyException.class).hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> keyring.open(PASSWORD)).isInstanceOf(EpoxyException.class).hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aKeyFileOthersCanReadOrAMalformedOneIsRefusedNamingIt() throws Exception {
        Path file = home.resolve("connections.keys");
        ConnectionKeyring.openOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ConnectionKeyring.openOrCreate(file)).isInstanceOf(EpoxyException.class)
                .hasMessage("The connection key file %s is readable by others (rw-r--r--); make it owner-only: chmod 600 %s", file, file);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, "k1 not-base64!\n", UTF_8);
        assertThatThrownBy(() -> ConnectionKeyring.openOrCreate(file)).isInstanceOf(EpoxyException.class)
                .hasMessage("%s line 1 is not '<key id> <base64 of a 256-bit key>' with a new key id", file);
    }
}
