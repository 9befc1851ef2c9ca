package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One include path of a crawler, e.g. {@code s3://bucket/raw_orders/}, with the glob patterns
 * (relative to the path) whose files and folders the crawl skips.
 *
 * @param sampleSize how many files of each leaf folder are read to infer the schema; empty reads all
 */
public record S3Target(String path, List<String> exclusions, Optional<Integer> sampleSize) {
    public S3Target {
        requireNonNull(path, "path is null");
        exclusions = List.copyOf(requireNonNull(exclusions, "exclusions is null"));
        requireNonNull(sampleSize, "sampleSize is null");
    }
}
