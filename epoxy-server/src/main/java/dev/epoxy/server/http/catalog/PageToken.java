package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.INVALID_INPUT;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.glue.model.EchoedText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * NextToken of the catalog listings: the position after which the next page starts (the last name,
 * or version, of the page), tagged with the listing it belongs to, so that a token of one listing is
 * refused by another. Opaque to clients (base64url).
 */
final class PageToken {
    private static final int MAX_ECHOED_LENGTH = 64;

    private PageToken() {}

    static String of(String listing, String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((listing + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a request's token names, empty when the request has none. */
    static Optional<String> positionOf(String listing, Optional<String> token) {
        return token.filter(text -> !text.isEmpty()).map(text -> decode(listing, text));
    }

    private static String decode(String listing, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(listing + ":")) {
                return text.substring(listing.length() + 1);
            }
        }
        catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        throw new EpoxyException(INVALID_INPUT, "Invalid NextToken: %s", EchoedText.shortened(token, MAX_ECHOED_LENGTH));
    }
}
