package dev.epoxy.server.http;

import static java.util.Objects.requireNonNull;

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
                    : "Could not find operation " + action + ": Epoxy serves only STS GetCallerIdentity", requestId);
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

    private static StsResponse error(int status, String code, String message, String requestId) {
        String body = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>Sender</Type>\n"
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

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
