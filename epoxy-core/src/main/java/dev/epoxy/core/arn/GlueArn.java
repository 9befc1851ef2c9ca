package dev.epoxy.core.arn;

import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import java.util.Optional;

/**
 * A Glue ARN of this server's partition, region and account: {@code arn:aws:glue:<region>:<account>:<type>/<path>}
 * ({@code path} is empty for {@code catalog}, the one type without one).
 *
 * @param region the region
 * @param accountId the account
 * @param type the resource type
 * @param path what follows {@code <type>/}, e.g. {@code my-session} or {@code db/table}; empty for the catalog
 */
public record GlueArn(String region, String accountId, GlueResourceType type, String path) {
    /** Epoxy answers as the commercial partition: aws-cn, aws-us-gov and aws-iso* ARNs are never its own. */
    public static final String PARTITION = "aws";
    /** The most characters of client input echoed in messages (ARNs may be 10,240 characters long). */
    private static final int MAX_ECHOED_LENGTH = 256;
    private static final String FORMAT = "arn:aws:glue:<region>:<account>:<type>/<name>";

    public GlueArn {
        requireNonNull(region, "region is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(type, "type is null");
        requireNonNull(path, "path is null");
        if (type.hasPath() == path.isEmpty()) {
            throw new IllegalArgumentException(type.hasPath() ? "A " + type.arnName() + " ARN needs a path" : "A catalog ARN has no path");
        }
    }

    /** This server's ARN of a resource. */
    public static GlueArn of(String region, String accountId, GlueResourceType type, String path) {
        return new GlueArn(region, accountId, type, path);
    }

    /**
     * The ARN a client sent, which must be one of this server's region and account.
     *
     * @throws EpoxyException {@code INVALID_INPUT} when it is not a Glue ARN of a known resource type;
     *     {@code ENTITY_NOT_FOUND} when it names another partition, region or account, where this server has nothing
     */
    public static GlueArn parse(String text, String region, String accountId) {
        requireNonNull(text, "text is null");
        String echoed = shortened(text);
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("glue") || parts[5].isEmpty()) {
            throw new EpoxyException(INVALID_INPUT, "Invalid resource ARN: %s (expected %s)", echoed, FORMAT);
        }
        String resource = parts[5];
        int slash = resource.indexOf('/');
        String typeName = slash < 0 ? resource : resource.substring(0, slash);
        String path = slash < 0 ? "" : resource.substring(slash + 1);
        Optional<GlueResourceType> type = GlueResourceType.fromArnName(typeName);
        if (type.isEmpty()) {
            throw new EpoxyException(INVALID_INPUT, "Invalid resource ARN: %s (unknown resource type %s)", echoed, shortened(typeName));
        }
        if (type.get().hasPath() && path.isEmpty()) {
            throw new EpoxyException(INVALID_INPUT, "Invalid resource ARN: %s has no %s name (expected %s)", echoed, typeName, FORMAT);
        }
        if (!type.get().hasPath() && slash >= 0) {
            throw new EpoxyException(INVALID_INPUT, "Invalid resource ARN: %s (a catalog ARN ends with :catalog)", echoed);
        }
        if (!parts[1].equals(PARTITION)) {
            // The model's pattern admits aws-cn, aws-us-gov and aws-iso*; this server is in none of them.
            throw new EpoxyException(ENTITY_NOT_FOUND, "Resource not found: %s (this server is partition %s)", echoed, PARTITION);
        }
        if (!parts[3].equals(region) || !parts[4].equals(accountId)) {
            throw new EpoxyException(ENTITY_NOT_FOUND, "Resource not found: %s (this server is region %s, account %s)", echoed, region, accountId);
        }
        return new GlueArn(region, accountId, type.get(), path);
    }

    /** Client input quoted in a message: its first characters only. */
    private static String shortened(String text) {
        return text.length() <= MAX_ECHOED_LENGTH ? text : text.substring(0, MAX_ECHOED_LENGTH) + "...";
    }

    @Override
    public String toString() {
        String resource = type.hasPath() ? type.arnName() + "/" + path : type.arnName();
        return "arn:" + PARTITION + ":glue:" + region + ":" + accountId + ":" + resource;
    }
}
