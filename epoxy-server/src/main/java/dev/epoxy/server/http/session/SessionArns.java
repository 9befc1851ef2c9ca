package dev.epoxy.server.http.session;

import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.glue.model.EchoedText;

/** Session ARNs: {@code arn:aws:glue:<region>:<account>:session/<Id>}, the resource of TagResource and friends. */
public final class SessionArns {
    private static final String PARTITION = "aws";
    private static final int MAX_ECHOED_LENGTH = 256;
    private static final int MAX_SESSION_ID_LENGTH = 255;
    private static final String FORMAT = "arn:aws:glue:<region>:<account>:session/<Id>";

    private final String region;
    private final String accountId;

    public SessionArns(String region, String accountId) {
        this.region = requireNonNull(region, "region is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    public String arnOf(SessionId id) {
        return "arn:aws:glue:" + region + ":" + accountId + ":session/" + id.value();
    }

    /**
     * The session an ARN names.
     *
     * @throws EpoxyException {@code INVALID_INPUT} when it is not a Glue ARN of the expected form;
     *     {@code ENTITY_NOT_FOUND} when it names another partition, region, account or resource type
     */
    public SessionId sessionIdOf(String fullArn) {
        // ARNs may be 10,240 characters long; messages name only their start.
        String arn = EchoedText.shortened(fullArn, MAX_ECHOED_LENGTH);
        String[] parts = fullArn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("glue") || parts[5].indexOf('/') < 0) {
            throw new EpoxyException(INVALID_INPUT, "Invalid resource ARN: %s (expected %s)", arn, FORMAT);
        }
        String resource = parts[5];
        String type = resource.substring(0, resource.indexOf('/'));
        String id = resource.substring(resource.indexOf('/') + 1);
        if (!type.equals("session")) {
            throw new EpoxyException(ENTITY_NOT_FOUND, "Resource not found: %s (Epoxy tags only sessions: %s)", arn, FORMAT);
        }
        if (!parts[1].equals(PARTITION)) {
            // The model's pattern admits aws-cn, aws-us-gov and aws-iso*; this server is in none of them.
            throw new EpoxyException(ENTITY_NOT_FOUND, "Resource not found: %s (this server is partition %s)", arn, PARTITION);
        }
        if (!parts[3].equals(region) || !parts[4].equals(accountId)) {
            throw new EpoxyException(ENTITY_NOT_FOUND, "Resource not found: %s (this server is region %s, account %s)", arn, region, accountId);
        }
        if (id.isEmpty()) {
            throw new EpoxyException(INVALID_INPUT, "Invalid resource ARN: %s has no session id (expected %s)", arn, FORMAT);
        }
        if (id.codePointCount(0, id.length()) > MAX_SESSION_ID_LENGTH) {
            // CreateSession's Id is a NameString (at most 255): no session has a longer one.
            throw new EpoxyException(ENTITY_NOT_FOUND, "Resource not found: %s (a session id has at most %s characters)", arn, MAX_SESSION_ID_LENGTH);
        }
        return new SessionId(id);
    }
}
