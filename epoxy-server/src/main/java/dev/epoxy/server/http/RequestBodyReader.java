package dev.epoxy.server.http;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.epoxy.server.config.RequestLimits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the bytes are on their way: it reads what has
 * arrived and asks Jetty to call it back ({@link Request#demand}) when more does. A slow client therefore
 * costs a connection and the bytes it sent, never one of the threads other requests need.
 *
 * <p>The body must be complete within {@link RequestLimits#bodyTimeout()} of its headers; Jetty's
 * {@code MinimumDataRateHandler}, in front of the endpoint, fails it earlier when it arrives slower than
 * {@link RequestLimits#minBodyDataRate()}. Either way, and when the client closes the connection before
 * the end of the body, the promise fails with a {@link WireException} whose message says how much arrived.
 *
 * <p>Since bodies no longer wait for a thread, many can be in memory at once: they share a {@link Budget}
 * of {@link RequestLimits#maxBufferedBodyBytes()}, held from the first byte until the request completes,
 * and a body that would exceed it is throttled.
 */
final class RequestBodyReader implements Runnable {
    private static final int INITIAL_CAPACITY = 16 * 1024;

    /** The bytes all request bodies in memory may hold together. */
    static final class Budget {
        private final long max;
        private final AtomicLong used = new AtomicLong();

        Budget(long max) {
            this.max = max;
        }

        boolean tryReserve(long bytes) {
            while (true) {
                long current = used.get();
                if (current + bytes > max) {
                    return false;
                }
                if (used.compareAndSet(current, current + bytes)) {
                    return true;
                }
            }
        }

        void release(long bytes) {
            used.addAndGet(-bytes);
        }

        /** Bytes held now (for tests). */
        long used() {
            return used.get();
        }
    }

    private final Request request;
    private final int maxBytes;
    private final RequestLimits limits;
    private final Promise<byte[]> promise;
    private final Budget budget;
    private long reserved;
    private final long startedNanos = System.nanoTime();
    private byte[] buffer;
    private int size;
    private boolean done;
    private Scheduler.Task deadline;

    private RequestBodyReader(Request request, int maxBytes, RequestLimits limits, Budget budget, Promise<byte[]> promise) {
        this.request = requireNonNull(request, "request is null");
        this.maxBytes = maxBytes;
        this.limits = requireNonNull(limits, "limits is null");
        this.promise = requireNonNull(promise, "promise is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.buffer = new byte[0];
    }

    /**
     * Reads the whole body of {@code request} and completes {@code promise} with it, on the calling thread
     * when the body has already arrived and on a Jetty thread otherwise.
     */
    static void read(Request request, int maxBytes, RequestLimits limits, Budget budget, Promise<byte[]> promise) {
        RequestBodyReader reader = new RequestBodyReader(request, maxBytes, limits, budget, promise);
        Request.addCompletionListener(request, failure -> reader.releaseBudget());
        synchronized (reader) {
            reader.deadline = request.getComponents().getScheduler().schedule(reader::expire, limits.bodyTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        reader.run();
    }

    /** Reads what has arrived; called first by {@link #read} and then by Jetty whenever more content arrives. */
    @Override
    public void run() {
        byte[] body = null;
        WireException failure = null;
        synchronized (this) {
            if (done) {
                return;
            }
            while (body == null && failure == null) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                try {
                    if (Content.Chunk.isFailure(chunk)) {
                        failure = describe(chunk.getFailure());
                        break;
                    }
                    ByteBuffer bytes = chunk.getByteBuffer();
                    if (bytes.remaining() > maxBytes - size) {
                        failure = new WireException(WireError.MALFORMED_REQUEST, "The request body exceeds " + maxBytes + " bytes");
                        break;
                    }
                    if (!append(bytes)) {
                        failure = new WireException(WireError.THROTTLED, format(
                                "Rate exceeded: the request bodies the server holds have reached its limit of %d bytes; retry with backoff",
                                limits.maxBufferedBodyBytes()));
                        break;
                    }
                    if (chunk.isLast()) {
                        body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
                    }
                }
                finally {
                    chunk.release();
                }
            }
            done = true;
            deadline.cancel();
        }
        if (body != null) {
            promise.succeeded(body);
        }
        else {
            promise.failed(failure);
        }
    }

    private void expire() {
        WireException failure;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            failure = new WireException(WireError.REQUEST_TIMEOUT, format("The request body did not arrive within %s: %s after %d ms",
                    seconds(limits.bodyTimeout()), received(), elapsedMillis()));
        }
        // Not on the scheduler's thread: writing the answer is the request's work.
        request.getContext().execute(() -> promise.failed(failure));
    }

    private WireException describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            // Jetty's MinimumDataRateHandler, or the connection's idle timeout.
            return new WireException(WireError.REQUEST_TIMEOUT, format("The request body arrived too slowly: %s after %d ms (the minimum rate is %d bytes/s)",
                    received(), elapsedMillis(), limits.minBodyDataRate()));
        }
        if (cause instanceof EofException) {
            return new WireException(WireError.MALFORMED_REQUEST, format("The request body ended early: the connection was closed after %s", received()));
        }
        return new WireException(WireError.MALFORMED_REQUEST, format("Cannot read the request body: the HTTP framing is invalid after %s", received()));
    }

    private String received() {
        long length = request.getLength();
        return length >= 0 ? format("%d of %d bytes", size, length) : format("%d bytes", size);
    }

    private static String seconds(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private synchronized void releaseBudget() {
        budget.release(reserved);
        reserved = 0;
        buffer = null;
    }

    /** Copies the bytes into the buffer, growing it within the budget; false when the budget is exhausted. */
    private boolean append(ByteBuffer bytes) {
        int needed = size + bytes.remaining();
        if (needed > buffer.length) {
            // Grow by doubling, never past the announced length: announcing 8 MiB and sending nothing costs nothing.
            long length = request.getLength();
            long limit = length >= 0 ? Math.min(length, maxBytes) : maxBytes;
            int capacity = (int) Math.max(needed, Math.min(limit, Math.max(INITIAL_CAPACITY, 2L * buffer.length)));
            if (!budget.tryReserve(capacity - buffer.length)) {
                return false;
            }
            reserved += capacity - buffer.length;
            buffer = Arrays.copyOf(buffer, capacity);
        }
        int count = bytes.remaining();
        bytes.get(buffer, size, count);
        size += count;
        return true;
    }
}
