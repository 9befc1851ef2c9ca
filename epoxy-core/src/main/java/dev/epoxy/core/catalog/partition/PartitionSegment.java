package dev.epoxy.core.catalog.partition;

import static dev.epoxy.core.Checks.checkInput;

/**
 * GetPartitions' {@code Segment}: one of {@code total} disjoint slices that together hold every
 * partition of a table, so that clients can list in parallel. Slices are by partition row id modulo
 * {@code total}, which is stable while partitions are added.
 */
public record PartitionSegment(int number, int total) {
    /** AWS allows at most 10 segments. */
    public static final int MAX_TOTAL = 10;

    public PartitionSegment {
        checkInput(total >= 1 && total <= MAX_TOTAL, "Invalid TotalSegments: %s (must be 1 to %s)", total, MAX_TOTAL);
        checkInput(number >= 0 && number < total, "Invalid SegmentNumber: %s (must be 0 to %s)", number, total - 1);
    }
}
