package dev.epoxy.server.http;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.model.EchoedText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS {@code GetCallerIdentity} on the Glue endpoint, because the Glue kernel asks who the caller is
 * before it creates a session. STS speaks the AWS Query protocol in both botocore and the AWS SDK for
 * Java v2 (their models say {@code "protocol": "query"}): a form-encoded POST
 * ({@code Action=GetCallerIdentity&Version=2011-06-15}) answered with XML.
 *
 * <p>The caller is derived from the SigV4 {@code Authorization} header's access key id, which is not a
 * secret; signatures are not checked. STS error names live here rather than in {@link GlueErrors}
 * because they are Query-protocol XML, not Glue shapes.
 */
final class StsCallerIdentity {
    static final String CONTENT_TYPE = "text/xml";
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final String DEFAULT_USER = "epoxy";
    /** Longest piece of a request echoed back in a message; the rest is cut. */
    private static final int MAX_ECHO = 128;

    /** The XML answer and its status. */
    record StsResponse(int status, String body) {
        StsResponse {
            requireNonNull(body, "body is null");
        }
    }

    private final String accountId;

    StsCallerIdentity(String accountId) {
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    /** Whether a request without {@code X-Amz-Target} is a Query-protocol (form-encoded) request. */
    static boolean isQueryRequest(Optional<String> contentType) {
        return contentType.map(type -> type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")).orElse(false);
    }

    StsResponse handle(String formBody, Optional<String> authorization, String requestId) {
        Map<String, String> form = parseForm(formBody);
        String action = form.get("Action");
        if (!"GetCallerIdentity".equals(action)) {
            return error(400, "InvalidAction", action == null
                    ? "Missing Action: Epoxy serves only STS GetCallerIdentity in the Query protocol"
                    : "Could not find operation " + echo(action) + ": Epoxy serves only STS GetCallerIdentity", requestId);
        }
        String user = authorization.flatMap(StsCallerIdentity::accessKeyId).orElse(DEFAULT_USER);
        String arn = "arn:aws:iam::" + accountId + ":user/" + user;
        String body = "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n"
                + "    <Arn>" + xml(arn) + "</Arn>\n"
                + "    <UserId>" + xml(user) + "</UserId>\n"
                + "    <Account>" + xml(accountId) + "</Account>\n"
                + "  </GetCallerIdentityResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + xml(requestId) + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</GetCallerIdentityResponse>\n";
        return new StsResponse(200, body);
    }

    /** The access key id of a SigV4 Authorization header, reduced to characters valid in an IAM user name. */
    static Optional<String> accessKeyId(String authorization) {
        Matcher matcher = ACCESS_KEY.matcher(authorization);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(1).replaceAll("[^A-Za-z0-9+=,.@_-]", "");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name.length() > 64 ? name.substring(0, 64) : name);
    }

    /** A protocol failure (body too large, too slow, throttled…) in the Query protocol's XML error format. */
    static StsResponse failure(WireError error, String message, String requestId) {
        return switch (error) {
            case MALFORMED_REQUEST, MALFORMED_HTTP -> error(400, "ValidationError", message, requestId);
            case UNKNOWN_OPERATION, UNSUPPORTED_METHOD_OR_PATH, UNSUPPORTED_CONTENT_TYPE -> error(400, "InvalidAction", message, requestId);
            case HOST_NOT_ALLOWED -> error(403, "AccessDenied", message, requestId);
            case REQUEST_TIMEOUT -> error(408, "RequestTimeout", message, requestId);
            // STS's own throttling code; botocore retries it like ThrottlingException.
            case THROTTLED -> error(400, "Throttling", message, requestId);
        };
    }

    /** An unexpected failure: a generic message, the details stay in the server log. */
    static StsResponse internalFailure(String requestId) {
        return error(500, "Receiver", "InternalFailure", String.format(GlueErrors.INTERNAL_MESSAGE, requestId), requestId);
    }

    private static StsResponse error(int status, String code, String message, String requestId) {
        return error(status, "Sender", code, message, requestId);
    }

    private static StsResponse error(int status, String type, String code, String message, String requestId) {
        String body = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>" + type + "</Type>\n"
                + "    <Code>" + xml(code) + "</Code>\n"
                + "    <Message>" + xml(message) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + xml(requestId) + "</RequestId>\n"
                + "</ErrorResponse>\n";
        return new StsResponse(status, body);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
            catch (IllegalArgumentException e) {
                // A malformed %-escape: keep the raw text, so the action is still named in the answer.
                form.put(name, value);
            }
        }
        return form;
    }

    /** Text from a request, cut to a length fit for a message. */
    static String echo(String text) {
        return EchoedText.shortened(text, MAX_ECHO);
    }

    /**
     * Text as XML 1.0 character data. Characters XML 1.0 cannot carry at all, not even as references
     * (control characters other than tab, newline and carriage return, unpaired surrogates, U+FFFE and
     * U+FFFF), become U+FFFD, so that the answer always parses.
     */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                // A literal carriage return would be read back as a newline.
                case '\r' -> out.append("&#13;");
                default -> out.append(isXmlChar(c) ? c : '\uFFFD');
            }
        }
        return out.toString();
    }

    private static boolean isXmlChar(char c) {
        return c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
