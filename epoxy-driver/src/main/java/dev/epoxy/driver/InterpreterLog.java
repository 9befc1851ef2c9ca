package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what the Python interpreter, and every process it starts, writes to its file descriptors
 * 1 and 2 (C libraries, {@code os.write}, subprocesses; not {@code print}, which each statement
 * captures) into the driver log, within bounds: at most {@code maxBytesPerStatement} bytes from a
 * statement's start to the next statement's start, and at most {@code maxBytes} in all. The rest is
 * counted and dropped, with a note in the log saying so. The notes themselves are bounded: at most
 * two per statement, and none once the total is reached.
 *
 * <p>Bytes are charged to the statement during which the driver reads them, so a statement's last
 * writes may count towards the next one; both stay within the bound.
 */
final class InterpreterLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterpreterLog.class);
    static final String PER_STATEMENT_SETTING = "epoxy.session.max-log-bytes-per-statement";
    static final String TOTAL_SETTING = "epoxy.session.max-log-bytes";

    private final OutputStream log;
    private final long maxBytesPerStatement;
    private final long maxBytes;
    private long forwarded;
    private String window = "the interpreter's start";
    private long windowForwarded;
    private long windowDropped;
    private boolean exhausted;

    InterpreterLog(OutputStream log, long maxBytesPerStatement, long maxBytes) {
        if (maxBytesPerStatement < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("log bounds must not be negative: " + maxBytesPerStatement + ", " + maxBytes);
        }
        this.log = log;
        this.maxBytesPerStatement = maxBytesPerStatement;
        this.maxBytes = maxBytes;
    }

    /** Reads {@code output} on a daemon thread until its end, forwarding within the bounds. */
    void forward(InputStream output, String threadName) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (output) {
                int read;
                while ((read = output.read(buffer)) >= 0) {
                    write(buffer, read);
                }
            }
            catch (IOException e) {
                LOG.debug("Stopped reading the Python interpreter's output: {}", e.getMessage());
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts counting anew for the statement; notes what the previous one dropped. */
    synchronized void statementStarted(int statementId) {
        endWindow();
        window = "statement " + statementId;
    }

    /** Bytes forwarded to the log so far. */
    synchronized long forwardedBytes() {
        return forwarded;
    }

    @Override
    public synchronized void close() {
        endWindow();
    }

    synchronized void write(byte[] bytes, int length) {
        long room = Math.min(maxBytesPerStatement - windowForwarded, maxBytes - forwarded);
        int kept = (int) Math.max(0, Math.min(room, length));
        if (kept > 0) {
            emit(bytes, kept);
            windowForwarded += kept;
            forwarded += kept;
        }
        int dropped = length - kept;
        if (dropped == 0) {
            return;
        }
        if (!exhausted && forwarded >= maxBytes) {
            exhausted = true;
            note("The Python interpreter's output to stdout and stderr reached " + maxBytes + " bytes, the most this log takes from it ("
                    + TOTAL_SETTING + "); the rest of it is dropped.");
        }
        else if (!exhausted && windowDropped == 0) {
            note("The output to stdout and stderr during " + window + " reached " + maxBytesPerStatement + " bytes; the rest is dropped until the next statement ("
                    + PER_STATEMENT_SETTING + ").");
        }
        windowDropped += dropped;
    }

    private void endWindow() {
        if (windowDropped > 0 && !exhausted) {
            note("During " + window + " the Python interpreter wrote " + (windowForwarded + windowDropped) + " bytes to stdout and stderr: "
                    + windowForwarded + " bytes are above, " + windowDropped + " bytes were dropped.");
        }
        windowForwarded = 0;
        windowDropped = 0;
    }

    private void note(String text) {
        byte[] line = ("\n[epoxy] " + text + "\n").getBytes(UTF_8);
        emit(line, line.length);
    }

    private void emit(byte[] bytes, int length) {
        try {
            log.write(bytes, 0, length);
            log.flush();
        }
        catch (IOException e) {
            LOG.debug("Cannot write the Python interpreter's output to the driver log: {}", e.getMessage());
        }
    }
}
