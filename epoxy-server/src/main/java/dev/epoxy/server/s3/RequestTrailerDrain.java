package dev.epoxy.server.s3;

import org.gaul.shaded.org.eclipse.jetty.io.Content;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Reads what is left of a request's body once S3Proxy has answered it, before the exchange completes.
 *
 * <p>The AWS SDK for Java v2 (2.30 and later) uploads over plain HTTP as {@code aws-chunked} with a
 * trailing checksum. S3Proxy stops reading at the last chunk and answers; Jetty, finding the trailer
 * unread, closes the connection while the client is still writing it, and the client reports "Error
 * writing request body to server" for an object that was stored. Reading the rest keeps the exchange
 * whole and the connection reusable. At most {@link #LIMIT} bytes are read: a client that sends a large
 * body S3Proxy refused without reading is cut off, as Jetty would do.
 */
final class RequestTrailerDrain extends Handler.Wrapper {
    static final long LIMIT = 64 * 1024;

    RequestTrailerDrain(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, response, Callback.from(() -> drain(request, callback, 0), callback::failed));
    }

    private static void drain(Request request, Callback callback, long read) {
        long total = read;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                long sofar = total;
                request.demand(() -> drain(request, callback, sofar));
                return;
            }
            total += chunk.remaining();
            boolean done = chunk.isLast() || Content.Chunk.isFailure(chunk) || total > LIMIT;
            chunk.release();
            if (done) {
                // Jetty itself decides whether the connection stays open from what remains unread.
                callback.succeeded();
                return;
            }
        }
    }
}
