package dev.epoxy.core.catalog.partition;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.catalog.expression.BoundExpression;
import java.util.Optional;

/**
 * One page of GetPartitions: the partitions after row {@code afterId} (0 for the first page) that match
 * the expression and lie in the segment, in row order, at most {@code maxResults} of them.
 */
public record PartitionQuery(Optional<BoundExpression> expression, Optional<PartitionSegment> segment, long afterId, int maxResults) {
    public PartitionQuery {
        requireNonNull(expression, "expression is null");
        requireNonNull(segment, "segment is null");
        checkInput(afterId >= 0, "Invalid NextToken");
        checkInput(maxResults >= 1, "Invalid MaxResults: %s", maxResults);
    }
}
