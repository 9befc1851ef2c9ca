package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working directories of session drivers, {@code <home>/sessions/<name>/} with the driver's log
 * in {@code driver.log}. The name is the session id with every character outside
 * {@code [A-Za-z0-9._-]} replaced by {@code _}, cut to {@value #MAX_READABLE_CHARS} characters, then
 * {@code -} and the first 32 hex digits of the SHA-256 of the id (UTF-8): readable in a listing, never
 * longer than 97 bytes whatever the id (Glue allows 255 characters of almost any script), and two ids
 * share a directory only if their SHA-256 digests share 128 bits.
 *
 * <p>A deleted session's directory is first renamed into {@code <home>/sessions/.deleted/} (a name no
 * session maps to, so the id can be reused at once while the old driver is still exiting), then
 * removed.
 */
public final class SessionDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(SessionDirectories.class);
    static final int MAX_READABLE_CHARS = 64;
    private static final int DIGEST_HEX_DIGITS = 32;
    private static final String DELETED = ".deleted";

    private final Path root;

    private SessionDirectories(Path root) {
        this.root = root;
    }

    /** The session directories under {@code home} ({@code epoxy.home}). */
    public static SessionDirectories under(Path home) {
        return new SessionDirectories(requireNonNull(home, "home is null").resolve("sessions"));
    }

    /** {@code <home>/sessions/<name>}, the working directory of the session's driver. */
    public Path directoryOf(String sessionId) {
        return root.resolve(directoryName(sessionId));
    }

    /** Where the session's driver writes its stdout and stderr. */
    public Path driverLogOf(String sessionId) {
        return directoryOf(sessionId).resolve("driver.log");
    }

    /** The directory name of a session id (see the class comment). */
    public static String directoryName(String sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        StringBuilder readable = new StringBuilder();
        sessionId.codePoints().limit(MAX_READABLE_CHARS).forEach(codePoint -> readable.append(isPortable(codePoint) ? (char) codePoint : '_'));
        return readable + "-" + HexFormat.of().formatHex(sha256(sessionId)).substring(0, DIGEST_HEX_DIGITS);
    }

    /**
     * Moves the session's directory out of the way, into {@code sessions/.deleted/}, where
     * {@link #deleteTree} can remove it once nothing writes there any more.
     *
     * @return where it went, or empty when the session had no directory
     */
    Optional<Path> moveAside(String sessionId) throws IOException {
        Path directory = directoryOf(sessionId);
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        Path deleted = root.resolve(DELETED);
        Files.createDirectories(deleted);
        Path target = deleted.resolve(directory.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.move(directory, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(directory, target);
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    /** Removes what earlier servers left in {@code sessions/.deleted/} (they stopped before removing it). */
    void deleteLeftovers() {
        Path deleted = root.resolve(DELETED);
        if (!Files.isDirectory(deleted)) {
            return;
        }
        try (Stream<Path> entries = Files.list(deleted)) {
            entries.forEach(SessionDirectories::deleteTree);
        }
        catch (IOException e) {
            LOG.warn("Cannot list {}: {}; remove it by hand", deleted, e.getMessage());
        }
    }

    /** Deletes a directory and everything in it; logs what it cannot delete. */
    static void deleteTree(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
                    Files.deleteIfExists(visited);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (NoSuchFileException e) {
            // already gone
        }
        catch (IOException e) {
            LOG.warn("Cannot delete {}: {}; remove it by hand", directory, e.getMessage());
        }
    }

    private static boolean isPortable(int codePoint) {
        return (codePoint >= 'A' && codePoint <= 'Z') || (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= '0' && codePoint <= '9')
                || codePoint == '.' || codePoint == '_' || codePoint == '-';
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
