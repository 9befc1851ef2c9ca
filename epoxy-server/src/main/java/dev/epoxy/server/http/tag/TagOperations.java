package dev.epoxy.server.http.tag;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.tag.TagStore;
import dev.epoxy.glue.model.tag.GetTagsRequest;
import dev.epoxy.glue.model.tag.GetTagsResponse;
import dev.epoxy.glue.model.tag.TagResourceRequest;
import dev.epoxy.glue.model.tag.TagResourceResponse;
import dev.epoxy.glue.model.tag.UntagResourceRequest;
import dev.epoxy.glue.model.tag.UntagResourceResponse;
import dev.epoxy.server.http.GlueOperation;
import java.util.List;
import java.util.Set;

/**
 * TagResource, GetTags and UntagResource for every resource type in {@link TaggableResources}: the ARN
 * is parsed ({@link GlueArns#parse}), the resource must exist, and its tags live in the {@link TagStore}.
 */
public final class TagOperations {
    private final TagStore tags;
    private final TaggableResources resources;
    private final GlueArns arns;

    public TagOperations(TagStore tags, TaggableResources resources, GlueArns arns) {
        this.tags = requireNonNull(tags, "tags is null");
        this.resources = requireNonNull(resources, "resources is null");
        this.arns = requireNonNull(arns, "arns is null");
    }

    /** The tag operations, for {@link dev.epoxy.server.http.GlueEndpoint}. */
    public static List<GlueOperation<?, ?>> all(TagStore tags, TaggableResources resources, GlueArns arns) {
        TagOperations operations = new TagOperations(tags, resources, arns);
        return List.of(
                GlueOperation.withoutContext("TagResource", TagResourceRequest.class, operations::tagResource),
                GlueOperation.withoutContext("GetTags", GetTagsRequest.class, operations::getTags),
                GlueOperation.withoutContext("UntagResource", UntagResourceRequest.class, operations::untagResource));
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        GlueArn arn = existing(request.resourceArn());
        tags.tagResource(arn, request.tagsToAdd());
        try {
            resources.checkExists(arn);
        }
        catch (RuntimeException e) {
            // Deleted while it was being tagged: its delete may have run before these tags were written.
            tags.deleteTags(arn);
            throw e;
        }
        return new TagResourceResponse();
    }

    public GetTagsResponse getTags(GetTagsRequest request) {
        return new GetTagsResponse(tags.getTags(existing(request.resourceArn())));
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        tags.untagResource(existing(request.resourceArn()), Set.copyOf(request.tagsToRemove()));
        return new UntagResourceResponse();
    }

    private GlueArn existing(String text) {
        GlueArn arn = arns.parse(text);
        resources.checkExists(arn);
        return arn;
    }
}
