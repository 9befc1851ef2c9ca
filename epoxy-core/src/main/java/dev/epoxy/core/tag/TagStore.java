package dev.epoxy.core.tag;

import dev.epoxy.core.arn.GlueArn;
import java.util.Map;
import java.util.Set;

/**
 * Tags of every taggable resource, keyed by its ARN. The store does not know which resources exist: the
 * callers check that first (the server's tag operations through their registry of resource types) and
 * delete a resource's tags with it.
 *
 * <p>Implementations are thread-safe. Every method fails with {@code INTERNAL} when the database
 * cannot be reached.
 */
public interface TagStore {
    /** The most tags one resource may carry (AWS: "A maximum of 50 tags are supported per entity"). */
    int MAX_TAGS = 50;

    /** The resource's tags; empty when it has none. */
    Map<String, String> getTags(GlueArn arn);

    /**
     * Adds or overwrites tags, atomically: when the resource would carry more than {@link #MAX_TAGS}
     * tags, nothing changes.
     *
     * @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} beyond {@link #MAX_TAGS}
     */
    void tagResource(GlueArn arn, Map<String, String> tags);

    /**
     * Replaces all the resource's tags with {@code tags}, atomically (a new resource's tags: nothing a
     * deleted namesake left behind survives).
     *
     * @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} beyond {@link #MAX_TAGS}
     */
    void replaceTags(GlueArn arn, Map<String, String> tags);

    /** Removes tags by key; absent keys are ignored. */
    void untagResource(GlueArn arn, Set<String> keys);

    /** Removes all the resource's tags (it was deleted). */
    void deleteTags(GlueArn arn);
}
