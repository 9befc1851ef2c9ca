package dev.epoxy.server.run;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies what a run adds to its log to a stream (the terminal of {@code epoxy run}), from where the last copy stopped. */
final class LogTail {
    private final Path log;
    private final OutputStream out;
    private long position;

    LogTail(Path log, OutputStream out) {
        this.log = requireNonNull(log, "log is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** Copies the bytes written since the last call; none when the log does not exist yet. */
    void copyNew() throws IOException {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(position);
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = file.read(buffer)) > 0) {
                out.write(buffer, 0, read);
                position += read;
            }
        }
        out.flush();
    }
}
