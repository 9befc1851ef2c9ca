package dev.epoxy.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzzer's oracle: no 5xx, every answer a complete HTTP reply, Glue answers in JSON (errors with
 * {@code __type} in the body and {@code x-amzn-ErrorType} in the headers), STS Query answers in XML, and
 * nothing that looks like a stack trace or a Java class name anywhere in headers or body.
 */
final class ReplyChecker {
    /** Java package prefixes of the JDK and of what the server runs on, a stack frame, or an exception's toString. */
    static final Pattern LEAK = Pattern.compile(
            "\\b(java|javax|jdk|sun|com\\.fasterxml|org\\.eclipse|org\\.h2|org\\.postgresql|org\\.flywaydb|com\\.zaxxer|org\\.slf4j|dev\\.epoxy|com\\.google)\\.[a-zA-Z]"
                    + "|Exception:|\\tat |\\bat [a-z]+\\.[a-zA-Z.$]+\\(|Caused by:");

    /** Error messages name the culprit and echo at most a short value; anything longer grows with the request. */
    static final int MAX_MESSAGE_LENGTH = 4_096;

    private final ObjectMapper json = new ObjectMapper();

    /** Why the reply is wrong, or empty when it is acceptable. */
    Optional<String> check(FuzzRequest request, RawHttp.Reply reply) {
        if (reply.transportFailure().isPresent()) {
            return reply.transportFailure();
        }
        if (reply.status() >= 500) {
            return Optional.of("server error " + reply.status());
        }
        if (reply.status() < 200) {
            return Optional.of("unexpected status " + reply.status());
        }
        if (request.mustFail() && reply.status() < 300) {
            return Optional.of("accepted with " + reply.status() + " although the body is not one JSON document");
        }
        String head = reply.headers().toString();
        Optional<String> leak = leak(head);
        if (leak.isPresent()) {
            return Optional.of("headers leak " + leak.get());
        }
        if (request.isHead()) {
            return Optional.empty();
        }
        String contentType = reply.header("Content-Type").orElse("");
        String body = new String(reply.body(), StandardCharsets.UTF_8);
        if (contentType.startsWith("text/xml")) {
            if (!request.isStsQuery()) {
                return Optional.of("XML answer to a request that is not an STS Query request");
            }
            Optional<String> malformed = xmlProblem(reply.body());
            if (malformed.isPresent()) {
                return malformed;
            }
            return leak(body).map(found -> "body leaks " + found);
        }
        if (request.isStsQuery() && reply.status() != 403) {
            // STS clients parse every answer as Query-protocol XML; only the Host guard's refusal is JSON.
            return Optional.of("STS Query request answered with Content-Type " + contentType + ", not XML");
        }
        JsonNode tree;
        try {
            tree = json.readTree(reply.body());
        }
        catch (Exception e) {
            return Optional.of("body is not JSON (Content-Type " + contentType + ")");
        }
        if (tree == null || !tree.isObject()) {
            return Optional.of("body is not a JSON object (Content-Type " + contentType + ")");
        }
        if (!contentType.startsWith("application/x-amz-json-1.1") && !contentType.startsWith("application/json")) {
            return Optional.of("JSON body with Content-Type " + contentType);
        }
        if (reply.status() >= 400) {
            String type = tree.path("__type").asText("");
            if (type.isEmpty() || !tree.path("Message").isTextual()) {
                return Optional.of("error without __type and Message");
            }
            if (!reply.header("x-amzn-ErrorType").map(header -> header.startsWith(type)).orElse(false)) {
                return Optional.of("x-amzn-ErrorType header does not name " + type);
            }
            int length = tree.path("Message").asText().length();
            if (length > MAX_MESSAGE_LENGTH) {
                return Optional.of("error message of " + length + " characters (a request can make it as long as it likes)");
            }
        }
        // Statement output is the user's program talking (a Py4J error names Java classes); it is not a leak.
        return leak(withoutOutputs(tree).toString()).map(found -> "body leaks " + found);
    }

    private static Optional<String> xmlProblem(byte[] body) {
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            builder.parse(new java.io.ByteArrayInputStream(body));
            return Optional.empty();
        }
        catch (Exception e) {
            return Optional.of("XML body is not well-formed");
        }
    }

    static Optional<String> leak(String text) {
        Matcher matcher = LEAK.matcher(text);
        if (matcher.find()) {
            int start = Math.max(0, matcher.start() - 40);
            int end = Math.min(text.length(), matcher.end() + 40);
            return Optional.of("'" + matcher.group() + "' in ..." + Shorten.text(text.substring(start, end), 200) + "...");
        }
        return Optional.empty();
    }

    private static JsonNode withoutOutputs(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("Output");
            object.forEach(ReplyChecker::strip);
        }
        else if (node.isArray()) {
            node.forEach(ReplyChecker::strip);
        }
    }
}
