package dev.epoxy.core.arn;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

/**
 * The ARNs of one server: its region and account ({@code epoxy.region}, {@code epoxy.account-id}).
 *
 * @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} for a region or account that cannot be in an ARN
 *
 * @param region the region in every ARN
 * @param accountId the account in every ARN
 */
public record GlueArns(String region, String accountId) {
    public GlueArns {
        requireNonNull(region, "region is null");
        requireNonNull(accountId, "accountId is null");
        // Both end up in ARNs, and in the SQL of the migration that keyed tags by ARN.
        checkInput(region.matches("[a-z0-9-]+"), "Invalid region: %s (lowercase letters, digits and hyphens, e.g. us-east-1)", region);
        checkInput(accountId.matches("[0-9]{12}"), "Invalid account id: %s (12 digits)", accountId);
    }

    /** The defaults of {@code epoxy.region} and {@code epoxy.account-id}. */
    public static GlueArns defaults() {
        return new GlueArns("us-east-1", "123456789012");
    }

    public GlueArn arnOf(GlueResourceType type, String path) {
        return GlueArn.of(region, accountId, type, path);
    }

    /** @see GlueArn#parse(String, String, String) */
    public GlueArn parse(String text) {
        return GlueArn.parse(text, region, accountId);
    }
}
