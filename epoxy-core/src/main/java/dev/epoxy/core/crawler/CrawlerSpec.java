package dev.epoxy.core.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a crawler is told to do: the typed view a crawl and the state machine need, derived by the
 * server from the crawler's definition, and that definition itself.
 *
 * @param jdbcTargets the crawler's JdbcTargets, crawled through their Glue connections
 * @param uncrawledTargets the kinds of target the crawler has but crawls do not run (Glue's member
 *     names: {@code DeltaTargets}, {@code MongoDBTargets}, …), in the model's order; empty when it has only
 *     S3Targets and JdbcTargets
 * @param configuration Glue's crawler configuration JSON, kept as given
 * @param schedule a cron expression, kept and returned; Epoxy does not run crawlers on a schedule yet
 * @param document the whole definition as the API keeps it (JSON of CreateCrawler's members bound from the
 *     service model, as UpdateCrawler merged them), opaque to core; empty for a crawler stored before the
 *     store kept documents, whose definition is the typed members alone
 */
public record CrawlerSpec(
        String role,
        String databaseName,
        Optional<String> description,
        List<S3Target> s3Targets,
        List<JdbcTarget> jdbcTargets,
        List<String> uncrawledTargets,
        List<String> classifiers,
        Optional<String> tablePrefix,
        SchemaChangePolicy schemaChangePolicy,
        RecrawlBehavior recrawlBehavior,
        Optional<String> configuration,
        Optional<String> schedule,
        Optional<String> securityConfiguration,
        Optional<String> document) {
    public CrawlerSpec {
        requireNonNull(role, "role is null");
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(description, "description is null");
        s3Targets = List.copyOf(requireNonNull(s3Targets, "s3Targets is null"));
        jdbcTargets = List.copyOf(requireNonNull(jdbcTargets, "jdbcTargets is null"));
        uncrawledTargets = List.copyOf(requireNonNull(uncrawledTargets, "uncrawledTargets is null"));
        classifiers = List.copyOf(requireNonNull(classifiers, "classifiers is null"));
        requireNonNull(tablePrefix, "tablePrefix is null");
        requireNonNull(schemaChangePolicy, "schemaChangePolicy is null");
        requireNonNull(recrawlBehavior, "recrawlBehavior is null");
        requireNonNull(configuration, "configuration is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(securityConfiguration, "securityConfiguration is null");
        requireNonNull(document, "document is null");
    }
}
