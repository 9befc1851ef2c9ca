package dev.epoxy.server.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.connection.SecretCipher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's keys for connection secrets, in one owner-only file outside the database (by default
 * {@code <home>/keys/connections.keys}): a line {@code <key id> <base64 AES-256 key>} per key, the first
 * line the current key. The file is created with a fresh key on first start.
 *
 * <p>Sealed values are {@code v1:<key id>:<base64 of IV and AES-GCM ciphertext with its tag>}: authenticated
 * (an altered value does not open), with a random 96-bit IV each time, and naming their key, so that
 * {@link #rotate} can put a new current key in front while the older ones still open what they sealed
 * (until everything is re-sealed and {@link #withoutOldKeys} removes them; {@code ./epoxy
 * rotate-connection-key} does both, {@link dev.epoxy.server.RotateConnectionKeyMain}). The key id is bound to the
 * ciphertext as associated data: a value cannot be made to open under another key.
 */
public final class ConnectionKeyring implements SecretCipher {
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    private ConnectionKeyring(Path file, Map<String, SecretKey> keys) {
        this.file = file;
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.currentKeyId = keys.keySet().iterator().next();
    }

    /**
     * Loads the keyring, creating the file (and its directory) with one new key when it does not exist.
     *
     * @throws EpoxyException {@code INTERNAL} naming the file when it cannot be read, is malformed, or is
     *     readable by others than its owner (a key anyone on the machine can read protects nothing)
     */
    public static ConnectionKeyring openOrCreate(Path file) {
        requireNonNull(file, "file is null");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new EpoxyException(ErrorCode.INTERNAL, "The connection key file %s is readable by others (%s); make it owner-only: chmod 600 %s",
                        file, PosixFilePermissions.toString(permissions), file);
            }
            return new ConnectionKeyring(file, parse(file, Files.readAllLines(file, UTF_8)));
        }
        catch (IOException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot read the connection key file %s: %s", file, e.getMessage());
        }
    }

    /** The key file of the server whose home is {@code home}: {@code <home>/keys/connections.keys}. */
    public static Path fileIn(Path home) {
        return home.resolve("keys").resolve("connections.keys");
    }

    /** The key file. */
    public Path file() {
        return file;
    }

    /** The id of the key new secrets are sealed with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /**
     * Puts a new current key in front of the others in the file (atomically) and returns the keyring that
     * seals with it; values sealed with the older keys still open.
     */
    public ConnectionKeyring rotate() {
        Map<String, SecretKey> rotated = new LinkedHashMap<>();
        rotated.put(newKeyId(), newKey());
        rotated.putAll(keys);
        write(file, rotated);
        return new ConnectionKeyring(file, rotated);
    }

    /** The ids of the keys in the file, the current one first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /**
     * Rewrites the file (atomically) with the current key alone and returns the keyring holding only it.
     * Call it once nothing sealed with an older key is stored any more: those values would not open again.
     */
    public ConnectionKeyring withoutOldKeys() {
        Map<String, SecretKey> current = new LinkedHashMap<>();
        current.put(currentKeyId, keys.get(currentKeyId));
        write(file, current);
        return new ConnectionKeyring(file, current);
    }

    @Override
    public String seal(String secret) {
        requireNonNull(secret, "secret is null");
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentKeyId.getBytes(UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(UTF_8));
            byte[] value = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(value);
        }
        catch (GeneralSecurityException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot seal a connection secret: %s", e.getMessage());
        }
    }

    @Override
    public String open(String sealed) {
        requireNonNull(sealed, "sealed is null");
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new EpoxyException(ErrorCode.INTERNAL, "A stored connection secret is not in the sealed form %s:<key id>:<data>", VERSION);
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new EpoxyException(ErrorCode.INTERNAL, "A stored connection secret was sealed with key %s, which %s does not hold", parts[1], file);
        }
        try {
            byte[] value = Base64.getDecoder().decode(parts[2]);
            if (value.length <= IV_BYTES) {
                throw new GeneralSecurityException("too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 0, IV_BYTES));
            cipher.updateAAD(parts[1].getBytes(UTF_8));
            return new String(cipher.doFinal(value, IV_BYTES, value.length - IV_BYTES), UTF_8);
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, "A stored connection secret sealed with key %s does not open: it was altered", parts[1]);
        }
    }

    @Override
    public boolean needsResealing(String sealed) {
        return !sealed.startsWith(VERSION + ":" + currentKeyId + ":");
    }

    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(newKeyId(), newKey());
        // One server per home (its embedded database is locked), so no other process creates it meanwhile.
        write(file, keys);
    }

    /** Writes the keys to a new owner-only file next to {@code file}, then moves it in place. */
    private static void write(Path file, Map<String, SecretKey> keys) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(directory, ".connections-", ".keys", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            List<String> lines = new ArrayList<>();
            keys.forEach((id, key) -> lines.add(id + " " + Base64.getEncoder().encodeToString(key.getEncoded())));
            Files.write(temporary, lines, UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot write the connection key file %s: %s", file, e.getMessage());
        }
    }

    private static Map<String, SecretKey> parse(Path file, List<String> lines) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            byte[] key;
            try {
                key = fields.length == 2 ? Base64.getDecoder().decode(fields[1]) : new byte[0];
            }
            catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != 32 || keys.containsKey(fields[0])) {
                throw new EpoxyException(ErrorCode.INTERNAL, "%s line %s is not '<key id> <base64 of a 256-bit key>' with a new key id", file, index + 1);
            }
            keys.put(fields[0], new SecretKeySpec(key, "AES"));
        }
        if (keys.isEmpty()) {
            throw new EpoxyException(ErrorCode.INTERNAL, "%s holds no key", file);
        }
        return keys;
    }

    private static String newKeyId() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return "k" + HexFormat.of().formatHex(id);
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        }
        catch (GeneralSecurityException e) {
            throw new EpoxyException(ErrorCode.INTERNAL, e, "Cannot create a connection key: %s", e.getMessage());
        }
    }
}
