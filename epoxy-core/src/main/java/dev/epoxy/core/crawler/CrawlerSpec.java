package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a crawler is told to do (CreateCrawler's and UpdateCrawler's inputs).
 *
 * @param configuration Glue's crawler configuration JSON, kept as given
 * @param schedule a cron expression, kept and returned; Epoxy does not run crawlers on a schedule yet
 */
public record CrawlerSpec(
        String role,
        String databaseName,
        Optional<String> description,
        List<S3Target> s3Targets,
        List<String> classifiers,
        Optional<String> tablePrefix,
        SchemaChangePolicy schemaChangePolicy,
        RecrawlBehavior recrawlBehavior,
        Optional<String> configuration,
        Optional<String> schedule,
        Optional<String> securityConfiguration) {
    public CrawlerSpec {
        requireNonNull(role, "role is null");
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(description, "description is null");
        s3Targets = List.copyOf(requireNonNull(s3Targets, "s3Targets is null"));
        classifiers = List.copyOf(requireNonNull(classifiers, "classifiers is null"));
        requireNonNull(tablePrefix, "tablePrefix is null");
        requireNonNull(schemaChangePolicy, "schemaChangePolicy is null");
        requireNonNull(recrawlBehavior, "recrawlBehavior is null");
        requireNonNull(configuration, "configuration is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(securityConfiguration, "securityConfiguration is null");
    }
}
