package dev.epoxy.server.http.crawler;

import static dev.epoxy.core.Checks.checkInput;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.core.crawler.DeleteBehavior;
import dev.epoxy.core.crawler.JdbcTarget;
import dev.epoxy.core.crawler.LastCrawl;
import dev.epoxy.core.crawler.RecrawlBehavior;
import dev.epoxy.core.crawler.S3Target;
import dev.epoxy.core.crawler.SchemaChangePolicy;
import dev.epoxy.core.crawler.UpdateBehavior;
import dev.epoxy.glue.model.EchoedText;
import dev.epoxy.glue.model.ShapeBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Crawler definitions ↔ domain: a definition (see {@link CrawlerDocuments}) into the typed
 * {@link CrawlerSpec} a crawl needs, checked for what the model cannot express, and a stored crawler
 * into Glue's {@code Crawler}: its definition projected onto that shape plus the members the server
 * owns (Name, State, CrawlElapsedTime, CreationTime, LastUpdated, LastCrawl, Version).
 */
final class CrawlerMapper {
    static final String S3_TARGETS = "S3Targets";
    static final String JDBC_TARGETS = "JdbcTargets";
    private static final int MAX_ECHOED_LENGTH = 64;

    private final CrawlerDocuments documents;
    /** The members of CrawlerTargets, in the model's order: S3Targets and JdbcTargets are crawled, every other kind is kept and returned. */
    private final List<String> targetKinds;

    CrawlerMapper(CrawlerDocuments documents) {
        this.documents = requireNonNull(documents, "documents is null");
        this.targetKinds = documents.memberNames("CrawlerTargets");
    }

    /** The typed view of a definition, with Glue's defaults for what it leaves out. */
    CrawlerSpec specOf(String name, ObjectNode document) {
        String databaseName = text(document, "DatabaseName").filter(text -> !text.isBlank())
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "DatabaseName is required: crawler %s has no database to write tables to", name));
        String role = text(document, "Role").orElseThrow(() -> new EpoxyException(INVALID_INPUT, "Role is required"));
        JsonNode targets = document.get("Targets");
        checkInput(targets != null && targets.isObject(), "Targets is required");
        List<S3Target> s3Targets = new ArrayList<>();
        for (JsonNode target : targets.path(S3_TARGETS)) {
            s3Targets.add(s3Target(target));
        }
        List<JdbcTarget> jdbcTargets = new ArrayList<>();
        for (JsonNode target : targets.path(JDBC_TARGETS)) {
            jdbcTargets.add(jdbcTarget(target));
        }
        List<String> uncrawled = targetKinds.stream()
                .filter(kind -> !kind.equals(S3_TARGETS) && !kind.equals(JDBC_TARGETS) && !targets.path(kind).isEmpty())
                .toList();
        checkInput(!s3Targets.isEmpty() || !jdbcTargets.isEmpty() || !uncrawled.isEmpty(), "Targets must have at least one target");
        List<String> classifiers = new ArrayList<>();
        document.path("Classifiers").forEach(classifier -> classifiers.add(classifier.asText()));
        JsonNode policy = document.path("SchemaChangePolicy");
        SchemaChangePolicy defaults = SchemaChangePolicy.defaults();
        return new CrawlerSpec(
                role,
                databaseName,
                text(document, "Description"),
                s3Targets,
                jdbcTargets,
                uncrawled,
                classifiers,
                text(document, "TablePrefix"),
                new SchemaChangePolicy(
                        enumOf(UpdateBehavior.class, policy.path("UpdateBehavior"), defaults.updateBehavior()),
                        enumOf(DeleteBehavior.class, policy.path("DeleteBehavior"), defaults.deleteBehavior())),
                enumOf(RecrawlBehavior.class, document.path("RecrawlPolicy").path("RecrawlBehavior"), RecrawlBehavior.CRAWL_EVERYTHING),
                text(document, "Configuration"),
                text(document, "Schedule"),
                text(document, "CrawlerSecurityConfiguration"),
                Optional.of(documents.write(document)));
    }

    /** The crawler's definition: its stored document, or for a crawler stored before documents were, one made of its typed members. */
    ObjectNode documentOf(CrawlerSpec spec) {
        return spec.document().map(documents::read).orElseGet(() -> legacyDocument(spec));
    }

    ObjectNode toWire(Crawler crawler, Instant now) {
        CrawlerSpec spec = crawler.spec();
        ObjectNode definition = documentOf(spec);
        // Schedule is a cron string in the request and a structure in Crawler: the projection drops it, it is rebuilt below.
        ObjectNode wire = documents.project("Crawler", definition);
        wire.put("Name", crawler.name());
        ObjectNode targets = objectMember(wire, "Targets");
        targetKinds.forEach(kind -> {
            if (!targets.has(kind)) {
                targets.putArray(kind);
            }
        });
        if (!wire.has("Classifiers")) {
            wire.putArray("Classifiers");
        }
        ObjectNode policy = objectMember(wire, "SchemaChangePolicy");
        policy.putIfAbsent("UpdateBehavior", TextNode.valueOf(spec.schemaChangePolicy().updateBehavior().name()));
        policy.putIfAbsent("DeleteBehavior", TextNode.valueOf(spec.schemaChangePolicy().deleteBehavior().name()));
        objectMember(wire, "RecrawlPolicy").putIfAbsent("RecrawlBehavior", TextNode.valueOf(spec.recrawlBehavior().name()));
        // Kept and returned; Epoxy has no scheduler yet, so the schedule never fires.
        text(definition, "Schedule").ifPresent(expression -> wire.putObject("Schedule")
                .put("ScheduleExpression", expression)
                .put("State", "NOT_SCHEDULED"));
        wire.put("State", crawler.state().name());
        crawler.crawlStartedOn().ifPresent(started -> wire.put("CrawlElapsedTime", Math.max(0, Duration.between(started, now).toMillis())));
        wire.set("CreationTime", ShapeBinder.timestamp(crawler.creationTime()));
        wire.set("LastUpdated", ShapeBinder.timestamp(crawler.lastUpdated()));
        crawler.lastCrawl().ifPresent(crawl -> lastCrawl(wire.putObject("LastCrawl"), crawl));
        wire.put("Version", crawler.version());
        // Once more onto the shape: the members in the model's order, as every answer writes them.
        return documents.project("Crawler", wire);
    }

    ObjectNode metricsOf(Crawler crawler, Instant now) {
        boolean crawling = crawler.state().isCrawling();
        double median = crawler.metrics().medianRuntimeSeconds();
        // Time left: the median runtime less what the running crawl has used; estimating until one crawl finished.
        double timeLeft = 0;
        if (crawling && median > 0) {
            double elapsed = crawler.crawlStartedOn().map(started -> Duration.between(started, now).toMillis() / 1000.0).orElse(0.0);
            timeLeft = Math.max(0, median - elapsed);
        }
        return documents.newObject()
                .put("CrawlerName", crawler.name())
                .put("TimeLeftSeconds", timeLeft)
                .put("StillEstimating", crawling && median == 0)
                .put("LastRuntimeSeconds", crawler.metrics().lastRuntimeSeconds())
                .put("MedianRuntimeSeconds", median)
                .put("TablesCreated", crawler.metrics().tablesCreated())
                .put("TablesUpdated", crawler.metrics().tablesUpdated())
                .put("TablesDeleted", crawler.metrics().tablesDeleted());
    }

    static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static S3Target s3Target(JsonNode target) {
        String path = text(target, "Path").filter(text -> !text.isBlank())
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "S3Target Path is required"));
        checkInput(path.startsWith("s3://") || path.startsWith("s3a://"), "Invalid S3Target Path: %s (expected s3://bucket/prefix)",
                EchoedText.shortened(path, MAX_ECHOED_LENGTH));
        Optional<Integer> sampleSize = Optional.ofNullable(target.get("SampleSize")).filter(JsonNode::isInt).map(JsonNode::asInt);
        checkInput(sampleSize.map(size -> size >= 1 && size <= 249).orElse(true), "Invalid SampleSize: %s (1 to 249)", sampleSize.orElse(0));
        List<String> exclusions = new ArrayList<>();
        target.path("Exclusions").forEach(exclusion -> exclusions.add(exclusion.asText()));
        return new S3Target(path, exclusions, sampleSize);
    }

    /** A JdbcTarget: a crawl connects through its connection, so a target without one (or without a path) is refused now rather than at crawl time. */
    private static JdbcTarget jdbcTarget(JsonNode target) {
        String connectionName = text(target, "ConnectionName").filter(text -> !text.isBlank())
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "JdbcTarget ConnectionName is required: the crawl reaches the database through that Glue connection"));
        String path = text(target, "Path").filter(text -> !text.isBlank())
                .orElseThrow(() -> new EpoxyException(INVALID_INPUT, "JdbcTarget Path is required (database/schema/table or database/table, %% a wildcard), for connection %s",
                        EchoedText.shortened(connectionName, MAX_ECHOED_LENGTH)));
        List<String> exclusions = new ArrayList<>();
        target.path("Exclusions").forEach(exclusion -> exclusions.add(exclusion.asText()));
        List<String> metadata = new ArrayList<>();
        target.path("EnableAdditionalMetadata").forEach(entry -> metadata.add(entry.asText()));
        return new JdbcTarget(connectionName, path, exclusions, metadata);
    }

    /** An enum member (the validator has checked it against the model's values), or the default when absent. */
    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode value, E absent) {
        if (!value.isTextual()) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value.asText());
        }
        catch (IllegalArgumentException e) {
            throw new EpoxyException(INVALID_INPUT, "Invalid %s: %s", type.getSimpleName(), EchoedText.shortened(value.asText(), MAX_ECHOED_LENGTH));
        }
    }

    private static ObjectNode objectMember(ObjectNode parent, String member) {
        return parent.get(member) instanceof ObjectNode object ? object : parent.putObject(member);
    }

    private static void lastCrawl(ObjectNode wire, LastCrawl crawl) {
        wire.put("Status", crawl.status().name());
        crawl.errorMessage().ifPresent(message -> wire.put("ErrorMessage", message));
        wire.put("LogGroup", crawl.logGroup());
        wire.put("LogStream", crawl.logStream());
        wire.put("MessagePrefix", crawl.messagePrefix());
        wire.set("StartTime", ShapeBinder.timestamp(crawl.startTime()));
    }

    /** What a crawler stored before V7 kept, in CreateCrawler's members: that was all of its definition. */
    private ObjectNode legacyDocument(CrawlerSpec spec) {
        ObjectNode document = documents.newObject();
        document.put("Role", spec.role());
        document.put("DatabaseName", spec.databaseName());
        spec.description().ifPresent(description -> document.put("Description", description));
        ArrayNode s3Targets = document.putObject("Targets").putArray(S3_TARGETS);
        for (S3Target target : spec.s3Targets()) {
            ObjectNode element = s3Targets.addObject().put("Path", target.path());
            ArrayNode exclusions = element.putArray("Exclusions");
            target.exclusions().forEach(exclusions::add);
            target.sampleSize().ifPresent(size -> element.put("SampleSize", size));
        }
        ArrayNode classifiers = document.putArray("Classifiers");
        spec.classifiers().forEach(classifiers::add);
        spec.tablePrefix().ifPresent(prefix -> document.put("TablePrefix", prefix));
        document.putObject("SchemaChangePolicy")
                .put("UpdateBehavior", spec.schemaChangePolicy().updateBehavior().name())
                .put("DeleteBehavior", spec.schemaChangePolicy().deleteBehavior().name());
        document.putObject("RecrawlPolicy").put("RecrawlBehavior", spec.recrawlBehavior().name());
        spec.configuration().ifPresent(configuration -> document.put("Configuration", configuration));
        spec.schedule().ifPresent(schedule -> document.put("Schedule", schedule));
        spec.securityConfiguration().ifPresent(configuration -> document.put("CrawlerSecurityConfiguration", configuration));
        return document;
    }
}
