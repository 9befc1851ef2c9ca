package dev.epoxy.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * One generated HTTP request, as bytes on the wire. Headers are sent exactly as listed (so a test can
 * send none, two or a wrong Content-Length); {@code halfClose} shuts the sending side after the body, so
 * a server waiting for more body sees the end of the stream instead of a pause.
 *
 * @param category what the request exercises, for the report
 * @param operation the Glue operation it targets, or a pseudo name such as {@code STS}
 * @param mustFail whether any 2xx answer is wrong (the body is not one JSON document)
 */
record FuzzRequest(String category, String operation, String method, String target, List<Map.Entry<String, String>> headers, byte[] body, boolean halfClose,
        boolean mustFail) {
    FuzzRequest {
        requireNonNull(category, "category is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(method, "method is null");
        requireNonNull(target, "target is null");
        headers = List.copyOf(headers);
        requireNonNull(body, "body is null");
    }

    FuzzRequest(String category, String operation, String method, String target, List<Map.Entry<String, String>> headers, byte[] body, boolean halfClose) {
        this(category, operation, method, target, headers, body, halfClose, false);
    }

    FuzzRequest rejectable() {
        return new FuzzRequest(category, operation, method, target, headers, body, halfClose, true);
    }

    /** Whether the request asks for STS in the Query protocol, the one API answered in XML. */
    boolean isStsQuery() {
        return operation.equals("STS");
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        out.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(ISO_8859_1));
        for (Map.Entry<String, String> header : headers) {
            out.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(UTF_8));
        }
        out.writeBytes("\r\n".getBytes(ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The request for a failure report: the head in full, the body shortened and escaped. */
    String describe() {
        StringBuilder out = new StringBuilder();
        out.append("[").append(category).append("] ").append(method).append(' ').append(Shorten.text(target, 200)).append(" HTTP/1.1\n");
        for (Map.Entry<String, String> header : headers) {
            out.append(header.getKey()).append(": ").append(Shorten.text(header.getValue(), 200)).append('\n');
        }
        out.append('\n').append(Shorten.bytes(body, 1_000));
        if (halfClose) {
            out.append("\n(then the client shut its sending side)");
        }
        return out.toString();
    }
}
