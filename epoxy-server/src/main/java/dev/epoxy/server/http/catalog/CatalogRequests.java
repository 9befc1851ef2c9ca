package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.RequestContext;
import dev.epoxy.glue.model.EchoedText;
import java.util.Locale;
import java.util.Optional;

/** Reading the members every catalog request shares: the catalog id and names (which Glue lower-cases). */
final class CatalogRequests {
    /** Pages hold this many entries when MaxResults is absent (the model's CatalogGetterPageSize maximum). */
    static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_ECHOED_LENGTH = 64;

    private CatalogRequests() {}

    /**
     * The catalog the request names, or the caller's account. Epoxy serves one catalog per server, the
     * account's: another catalog id does not exist here, as it would not for the caller on AWS.
     */
    static String catalogId(RequestContext context, JsonNode request) {
        String catalogId = context.catalogIdOr(text(request, "CatalogId").orElse(null));
        if (!catalogId.equals(context.accountId())) {
            throw new EpoxyException(ENTITY_NOT_FOUND, "Catalog not found: %s", EchoedText.shortened(catalogId, MAX_ECHOED_LENGTH));
        }
        return catalogId;
    }

    /** A required name member (the validator has checked presence and pattern), lower-cased. */
    static String name(JsonNode request, String member) {
        return lowerCase(text(request, member).orElseThrow(() -> new EpoxyException(INVALID_INPUT, "%s is required", member)));
    }

    static Optional<String> text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    static Optional<JsonNode> object(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value != null && value.isObject() ? Optional.of(value) : Optional.empty();
    }

    static int pageSize(JsonNode request) {
        JsonNode value = request.get("MaxResults");
        return value != null && value.isInt() ? value.asInt() : DEFAULT_PAGE_SIZE;
    }

    static boolean flag(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value != null && value.isBoolean() && value.asBoolean();
    }

    static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A table version id: the model says string, Glue's are decimal numbers. */
    static long versionId(String text, String member) {
        try {
            long version = Long.parseLong(text.trim());
            if (version >= 0) {
                return version;
            }
        }
        catch (NumberFormatException e) {
            // Falls through to the error below.
        }
        throw new EpoxyException(INVALID_INPUT, "Invalid %s: %s", member, EchoedText.shortened(text, MAX_ECHOED_LENGTH));
    }
}
