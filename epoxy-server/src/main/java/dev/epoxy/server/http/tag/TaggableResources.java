package dev.epoxy.server.http.tag;

import static dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueResourceType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types the tag operations serve, each with the check that a resource of it exists. Each
 * resource family registers its type where the server is assembled (sessions now; crawlers, jobs and
 * connections as they arrive); an ARN of any other type names nothing this server has, so it is
 * {@code EntityNotFoundException}, as AWS answers for a resource that does not exist.
 */
public final class TaggableResources {
    private final Map<GlueResourceType, ExistenceCheck> checks = new EnumMap<>(GlueResourceType.class);

    /**
     * Serves tags of {@code type}.
     *
     * @throws IllegalStateException when the type is registered already
     */
    public synchronized TaggableResources register(GlueResourceType type, ExistenceCheck check) {
        requireNonNull(type, "type is null");
        requireNonNull(check, "check is null");
        if (checks.putIfAbsent(type, check) != null) {
            throw new IllegalStateException("Tags of " + type.arnName() + " resources are served already");
        }
        return this;
    }

    /**
     * Checks that the resource exists.
     *
     * @throws EpoxyException {@code ENTITY_NOT_FOUND} (or the family's own not-found code) when it does not,
     *     or when its type is not one this server serves
     */
    public void checkExists(GlueArn arn) {
        requireNonNull(arn, "arn is null");
        ExistenceCheck check = find(arn.type()).orElseThrow(() ->
                new EpoxyException(ENTITY_NOT_FOUND, "Resource not found: %s (Epoxy does not serve %s resources)", arn, arn.type().arnName()));
        check.checkExists(arn);
    }

    private synchronized Optional<ExistenceCheck> find(GlueResourceType type) {
        return Optional.ofNullable(checks.get(type));
    }

    /** A family's check that the resource an ARN of its type names exists. */
    @FunctionalInterface
    public interface ExistenceCheck {
        /** @throws EpoxyException a not-found code naming the resource when it does not exist */
        void checkExists(GlueArn arn);
    }
}
