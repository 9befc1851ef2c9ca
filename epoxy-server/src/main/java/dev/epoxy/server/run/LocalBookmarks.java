package dev.epoxy.server.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.epoxy.server.driver.SessionDirectories;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The bookmarks of {@code epoxy run}, one JSON file per job name, {@code <home>/bookmarks/<JOB_NAME>.json}
 * (a name outside {@code [A-Za-z0-9._-]} is mapped like a session id), replaced atomically.
 */
final class LocalBookmarks {
    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    private final Path directory;

    LocalBookmarks(Path home) {
        this.directory = requireNonNull(home, "home is null").toAbsolutePath().normalize().resolve("bookmarks");
    }

    Path fileOf(String jobName) {
        String name = PORTABLE.matcher(jobName).matches() ? jobName : SessionDirectories.directoryName(jobName);
        return directory.resolve(name + ".json");
    }

    /** The job's last committed state; empty when it never committed. */
    Optional<String> load(String jobName) throws IOException {
        Path file = fileOf(jobName);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, UTF_8)) : Optional.empty();
    }

    /** Replaces the job's state: a reader sees the old state or the new one, never part of one. */
    void save(String jobName, String state) throws IOException {
        Files.createDirectories(directory);
        Path file = fileOf(jobName);
        Path temporary = directory.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(temporary, state, UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
