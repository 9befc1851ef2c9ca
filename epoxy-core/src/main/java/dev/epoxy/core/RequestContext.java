package dev.epoxy.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Who asked, and on behalf of which account: handed to every operation handler. The account id is the
 * default {@code CatalogId} and the account in ARNs; the caller's access key id is what authorization
 * will judge once requests are authenticated (it is taken from the request's SigV4 {@code Credential=}
 * and not yet verified).
 *
 * @param requestId the {@code x-amzn-RequestId} of the request
 * @param accountId the account the server answers for
 * @param region the region the server answers for
 * @param accessKeyId the access key id the request was signed with, when it was signed
 */
public record RequestContext(String requestId, String accountId, String region, Optional<String> accessKeyId) {
    public RequestContext {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
    }

    /** The catalog a request names, or the caller's account when it names none (AWS's rule for {@code CatalogId}). */
    public String catalogIdOr(String catalogId) {
        return catalogId == null || catalogId.isEmpty() ? accountId : catalogId;
    }
}
