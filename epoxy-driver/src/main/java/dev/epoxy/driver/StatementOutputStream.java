package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * What one in-JVM statement prints, bounded: everything written while it runs (its {@code println}s,
 * the REPL's echo of values, compiler warnings) up to {@code maxBytes}, then a count of what was
 * dropped, in the words of the Python interpreter's note. {@link #take()} ends a statement and
 * starts the next.
 */
final class StatementOutputStream extends OutputStream {
    private final int maxBytes;
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    StatementOutputStream(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < maxBytes) {
            kept.write(b);
        }
        else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int room = Math.max(0, Math.min(length, maxBytes - kept.size()));
        kept.write(bytes, offset, room);
        dropped += length - room;
    }

    /** The output so far, with the truncation note if any; clears it for the next statement. */
    synchronized String take() {
        String text = kept.toString(UTF_8);
        if (dropped > 0) {
            text += "\n[Output truncated: " + dropped + " more bytes were dropped after the first " + maxBytes
                    + " bytes. Raise the limit with epoxy.session.max-output-bytes.]";
        }
        kept = new ByteArrayOutputStream();
        dropped = 0;
        return text;
    }
}
