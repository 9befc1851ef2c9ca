package dev.epoxy.glue.bookmark;

import dev.epoxy.glue.GlueRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Reads and writes the state files the launcher names (local files of the driver). */
public final class BookmarkFiles {
    private BookmarkFiles() {}

    /**
     * The state in {@code file}; empty when the file does not exist (no state yet, or a reset).
     *
     * @throws GlueRuntimeException INVALID_INPUT for malformed state, IO when the file cannot be read
     */
    public static Optional<BookmarkState> read(Path file, String job) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot read job bookmark state %s: %s", file, e.getMessage());
        }
        if (json.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(BookmarkStateJson.read(json, job, file.toString()));
    }

    /**
     * Writes {@code state} to {@code file} atomically: a temporary file in the same directory, then renamed
     * over it, so a run that dies while committing leaves the old content or the new one, never a part.
     *
     * @throws GlueRuntimeException IO when the file cannot be written
     */
    public static void write(Path file, BookmarkState state) {
        Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(absolute.getParent());
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
            Files.writeString(temporary, BookmarkStateJson.write(state), StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot write job bookmark state %s: %s", file,
                    e.getMessage());
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // The write already failed and says so; a stray temporary file is the lesser problem.
        }
    }
}
