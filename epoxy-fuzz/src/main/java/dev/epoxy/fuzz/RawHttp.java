package dev.epoxy.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close} is in every
 * generated request), so that malformed requests cannot confuse the next one. A reply is read to the end
 * of the stream, with a read deadline.
 */
final class RawHttp {
    private static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private final String host;
    private final int port;
    private final Duration timeout;

    RawHttp(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** An HTTP reply; {@code status} is 0 when the server closed the connection without answering. */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body, Optional<String> transportFailure) {
        Optional<String> header(String name) {
            return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        String describe() {
            StringBuilder out = new StringBuilder();
            transportFailure.ifPresent(failure -> out.append("(").append(failure).append(")\n"));
            out.append("HTTP ").append(status).append('\n');
            headers.forEach(header -> out.append(header.getKey()).append(": ").append(Shorten.text(header.getValue(), 200)).append('\n'));
            out.append('\n').append(Shorten.bytes(body, 1_000));
            return out.toString();
        }
    }

    Reply send(FuzzRequest request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream output = socket.getOutputStream();
            byte[] bytes = request.toBytes();
            try {
                output.write(bytes);
                output.flush();
                if (request.halfClose()) {
                    socket.shutdownOutput();
                }
            }
            catch (IOException e) {
                // The server may answer (and close) before it has read everything, e.g. an oversize body.
            }
            byte[] raw = readAll(socket.getInputStream());
            return parse(raw, request.isHead());
        }
        catch (SocketTimeoutException e) {
            return new Reply(0, List.of(), new byte[0], Optional.of("no complete answer within " + timeout.toSeconds() + " s"));
        }
        catch (IOException e) {
            return new Reply(0, List.of(), new byte[0], Optional.of("connection failed: " + e.getMessage()));
        }
    }

    private static byte[] readAll(InputStream input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        try {
            while ((read = input.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                if (out.size() > MAX_REPLY_BYTES) {
                    break;
                }
            }
        }
        catch (java.net.SocketException e) {
            // A reset after a complete answer (the server closing on unread request bytes) is not a failure.
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    static Reply parse(byte[] raw, boolean head) {
        int offset = 0;
        while (true) {
            int end = indexOf(raw, offset);
            if (end < 0) {
                return new Reply(0, List.of(), raw, Optional.of(raw.length == 0 ? "connection closed without an answer" : "incomplete answer"));
            }
            String[] lines = new String(raw, offset, end - offset, ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            }
            catch (RuntimeException e) {
                return new Reply(0, List.of(), raw, Optional.of("not an HTTP status line: " + Shorten.text(lines[0], 100)));
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
                }
            }
            int bodyStart = end + 4;
            if (status == 100) {
                offset = bodyStart;
                continue;
            }
            byte[] rest = java.util.Arrays.copyOfRange(raw, bodyStart, raw.length);
            Reply partial = new Reply(status, headers, new byte[0], Optional.empty());
            if (head) {
                return partial;
            }
            Optional<String> encoding = partial.header("Transfer-Encoding");
            if (encoding.isPresent() && encoding.get().toLowerCase(Locale.ROOT).contains("chunked")) {
                return new Reply(status, headers, dechunk(rest), Optional.empty());
            }
            Optional<String> length = partial.header("Content-Length");
            if (length.isPresent()) {
                int declared = Integer.parseInt(length.get());
                if (rest.length < declared) {
                    return new Reply(status, headers, rest, Optional.of("body shorter than its Content-Length " + declared));
                }
                return new Reply(status, headers, java.util.Arrays.copyOf(rest, declared), Optional.empty());
            }
            return new Reply(status, headers, rest, Optional.empty());
        }
    }

    static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = position;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(chunked, position, lineEnd - position, ISO_8859_1).split(";")[0].trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
