package dev.epoxy.glue.model.crawler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.epoxy.glue.model.EpochSeconds;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The crawler shapes of the Glue model that Epoxy serves (CreateCrawler … BatchGetCrawlers), one
 * record per shape; members Epoxy does not act on (JDBC, DynamoDB, catalog and table-format targets,
 * Lake Formation, lineage) are absent and ignored when sent.
 */
public final class CrawlerShapes {
    private CrawlerShapes() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3Target(
            @JsonProperty("Path") String path,
            @JsonProperty("Exclusions") List<String> exclusions,
            @JsonProperty("ConnectionName") String connectionName,
            @JsonProperty("SampleSize") Integer sampleSize,
            @JsonProperty("EventQueueArn") String eventQueueArn,
            @JsonProperty("DlqEventQueueArn") String dlqEventQueueArn) {}

    /** Only S3 targets are crawled; the other lists are read so that the server can name them when sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrawlerTargets(
            @JsonProperty("S3Targets") List<S3Target> s3Targets,
            @JsonProperty("JdbcTargets") List<Object> jdbcTargets,
            @JsonProperty("MongoDBTargets") List<Object> mongoDbTargets,
            @JsonProperty("DynamoDBTargets") List<Object> dynamoDbTargets,
            @JsonProperty("CatalogTargets") List<Object> catalogTargets,
            @JsonProperty("DeltaTargets") List<Object> deltaTargets,
            @JsonProperty("IcebergTargets") List<Object> icebergTargets,
            @JsonProperty("HudiTargets") List<Object> hudiTargets) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SchemaChangePolicy(
            @JsonProperty("UpdateBehavior") String updateBehavior,
            @JsonProperty("DeleteBehavior") String deleteBehavior) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecrawlPolicy(@JsonProperty("RecrawlBehavior") String recrawlBehavior) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(
            @JsonProperty("ScheduleExpression") String scheduleExpression,
            @JsonProperty("State") String state) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastCrawlInfo(
            @JsonProperty("Status") String status,
            @JsonProperty("ErrorMessage") String errorMessage,
            @JsonProperty("LogGroup") String logGroup,
            @JsonProperty("LogStream") String logStream,
            @JsonProperty("MessagePrefix") String messagePrefix,
            @JsonProperty("StartTime") @JsonSerialize(using = EpochSeconds.Serializer.class) @JsonDeserialize(using = EpochSeconds.Deserializer.class) Instant startTime) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Crawler(
            @JsonProperty("Name") String name,
            @JsonProperty("Role") String role,
            @JsonProperty("Targets") CrawlerTargets targets,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("Description") String description,
            @JsonProperty("Classifiers") List<String> classifiers,
            @JsonProperty("RecrawlPolicy") RecrawlPolicy recrawlPolicy,
            @JsonProperty("SchemaChangePolicy") SchemaChangePolicy schemaChangePolicy,
            @JsonProperty("State") String state,
            @JsonProperty("TablePrefix") String tablePrefix,
            @JsonProperty("Schedule") Schedule schedule,
            @JsonProperty("CrawlElapsedTime") Long crawlElapsedTime,
            @JsonProperty("CreationTime") @JsonSerialize(using = EpochSeconds.Serializer.class) @JsonDeserialize(using = EpochSeconds.Deserializer.class) Instant creationTime,
            @JsonProperty("LastUpdated") @JsonSerialize(using = EpochSeconds.Serializer.class) @JsonDeserialize(using = EpochSeconds.Deserializer.class) Instant lastUpdated,
            @JsonProperty("LastCrawl") LastCrawlInfo lastCrawl,
            @JsonProperty("Version") Long version,
            @JsonProperty("Configuration") String configuration,
            @JsonProperty("CrawlerSecurityConfiguration") String crawlerSecurityConfiguration) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrawlerMetrics(
            @JsonProperty("CrawlerName") String crawlerName,
            @JsonProperty("TimeLeftSeconds") Double timeLeftSeconds,
            @JsonProperty("StillEstimating") Boolean stillEstimating,
            @JsonProperty("LastRuntimeSeconds") Double lastRuntimeSeconds,
            @JsonProperty("MedianRuntimeSeconds") Double medianRuntimeSeconds,
            @JsonProperty("TablesCreated") Integer tablesCreated,
            @JsonProperty("TablesUpdated") Integer tablesUpdated,
            @JsonProperty("TablesDeleted") Integer tablesDeleted) {}

    /** CreateCrawler's input; UpdateCrawler's has the same members but Tags. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateCrawlerRequest(
            @JsonProperty("Name") String name,
            @JsonProperty("Role") String role,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("Description") String description,
            @JsonProperty("Targets") CrawlerTargets targets,
            @JsonProperty("Schedule") String schedule,
            @JsonProperty("Classifiers") List<String> classifiers,
            @JsonProperty("TablePrefix") String tablePrefix,
            @JsonProperty("SchemaChangePolicy") SchemaChangePolicy schemaChangePolicy,
            @JsonProperty("RecrawlPolicy") RecrawlPolicy recrawlPolicy,
            @JsonProperty("Configuration") String configuration,
            @JsonProperty("CrawlerSecurityConfiguration") String crawlerSecurityConfiguration,
            @JsonProperty("Tags") Map<String, String> tags) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpdateCrawlerRequest(
            @JsonProperty("Name") String name,
            @JsonProperty("Role") String role,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("Description") String description,
            @JsonProperty("Targets") CrawlerTargets targets,
            @JsonProperty("Schedule") String schedule,
            @JsonProperty("Classifiers") List<String> classifiers,
            @JsonProperty("TablePrefix") String tablePrefix,
            @JsonProperty("SchemaChangePolicy") SchemaChangePolicy schemaChangePolicy,
            @JsonProperty("RecrawlPolicy") RecrawlPolicy recrawlPolicy,
            @JsonProperty("Configuration") String configuration,
            @JsonProperty("CrawlerSecurityConfiguration") String crawlerSecurityConfiguration) {}

    /** Input of GetCrawler, DeleteCrawler, StartCrawler and StopCrawler. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrawlerNameRequest(@JsonProperty("Name") String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetCrawlerResponse(@JsonProperty("Crawler") Crawler crawler) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetCrawlersRequest(
            @JsonProperty("MaxResults") Integer maxResults,
            @JsonProperty("NextToken") String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetCrawlersResponse(
            @JsonProperty("Crawlers") List<Crawler> crawlers,
            @JsonProperty("NextToken") String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListCrawlersRequest(
            @JsonProperty("MaxResults") Integer maxResults,
            @JsonProperty("NextToken") String nextToken,
            @JsonProperty("Tags") Map<String, String> tags) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListCrawlersResponse(
            @JsonProperty("CrawlerNames") List<String> crawlerNames,
            @JsonProperty("NextToken") String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetCrawlerMetricsRequest(
            @JsonProperty("CrawlerNameList") List<String> crawlerNameList,
            @JsonProperty("MaxResults") Integer maxResults,
            @JsonProperty("NextToken") String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetCrawlerMetricsResponse(
            @JsonProperty("CrawlerMetricsList") List<CrawlerMetrics> crawlerMetricsList,
            @JsonProperty("NextToken") String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchGetCrawlersRequest(@JsonProperty("CrawlerNames") List<String> crawlerNames) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchGetCrawlersResponse(
            @JsonProperty("Crawlers") List<Crawler> crawlers,
            @JsonProperty("CrawlersNotFound") List<String> crawlersNotFound) {}

    /** The empty output of CreateCrawler, UpdateCrawler, DeleteCrawler, StartCrawler and StopCrawler. */
    public record EmptyResponse() {}
}
