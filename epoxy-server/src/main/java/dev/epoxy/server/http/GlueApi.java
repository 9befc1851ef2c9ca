package dev.epoxy.server.http;

import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.connection.ConnectionReferences;
import dev.epoxy.core.connection.ConnectionService;
import dev.epoxy.core.crawler.CrawlerService;
import dev.epoxy.core.job.JobService;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.store.Stores;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.connection.JdbcConnectionTester;
import dev.epoxy.server.http.catalog.CatalogOperations;
import dev.epoxy.server.http.catalog.ConnectionOperations;
import dev.epoxy.server.http.catalog.CatalogTags;
import dev.epoxy.server.http.catalog.PartitionOperations;
import dev.epoxy.server.http.crawler.CrawlerOperations;
import dev.epoxy.server.http.job.JobDocuments;
import dev.epoxy.server.http.job.JobOperations;
import dev.epoxy.server.http.session.SessionOperations;
import dev.epoxy.server.http.tag.TagOperations;
import dev.epoxy.server.http.tag.TaggableResources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operations the Glue endpoint serves, assembled once for the server and its HTTP tests: each
 * resource family adds its operations here and registers its taggable type.
 */
public final class GlueApi {
    private GlueApi() {}

    /** Every operation but the crawlers' (for HTTP tests that launch no crawls). */
    public static List<GlueOperation<?, ?>> operations(GlueArns arns, Clock clock, Stores stores, SessionService sessions) {
        return operations(arns, clock, stores, sessions, Optional.empty());
    }

    /** Every operation of the server but the jobs': sessions, the catalog, crawlers (when given) and the tags of all of them. */
    public static List<GlueOperation<?, ?>> operations(GlueArns arns, Clock clock, Stores stores, SessionService sessions,
            Optional<CrawlerService> crawlers) {
        return operations(arns, clock, stores, sessions, crawlers, Optional.empty());
    }

    /** Every operation but the connections'. */
    public static List<GlueOperation<?, ?>> operations(GlueArns arns, Clock clock, Stores stores, SessionService sessions,
            Optional<CrawlerService> crawlers, Optional<JobService> jobs) {
        return operations(arns, clock, stores, sessions, crawlers, jobs, Optional.empty());
    }

    /** Every operation, TestConnection without storage to read a {@code CUSTOM_JDBC_CERT} from (tests of the endpoint alone). */
    public static List<GlueOperation<?, ?>> operations(GlueArns arns, Clock clock, Stores stores, SessionService sessions,
            Optional<CrawlerService> crawlers, Optional<JobService> jobs, Optional<ConnectionService> connections) {
        return operations(arns, clock, stores, sessions, crawlers, jobs, connections, JdbcConnectionTester.shippedDriversWithoutStorage());
    }

    /**
     * Every operation of the server: sessions, the catalog, crawlers, jobs and connections (when given) and the tags of all of them;
     * TestConnection opens connections with {@code connectionTester}.
     */
    public static List<GlueOperation<?, ?>> operations(GlueArns arns, Clock clock, Stores stores, SessionService sessions,
            Optional<CrawlerService> crawlers, Optional<JobService> jobs, Optional<ConnectionService> connections,
            JdbcConnectionTester connectionTester) {
        CatalogTags catalogTags = new CatalogTags(stores.catalog(), stores.tags(), arns);
        TaggableResources taggable = catalogTags.registerWith(new TaggableResources()
                .register(GlueResourceType.SESSION, SessionOperations.existenceCheck(sessions)));
        crawlers.ifPresent(service -> taggable.register(GlueResourceType.CRAWLER, CrawlerOperations.existenceCheck(service)));
        jobs.ifPresent(service -> taggable.register(GlueResourceType.JOB, JobOperations.existenceCheck(service)));
        connections.ifPresent(service -> taggable.register(GlueResourceType.CONNECTION, ConnectionOperations.existenceCheck(service)));
        // Sessions and jobs must name existing connections; without the connection service, none exists.
        ConnectionReferences references = connections.<ConnectionReferences>map(service -> service).orElse(ConnectionReferences.NONE);
        List<GlueOperation<?, ?>> operations = new ArrayList<>(jobs.isPresent()
                ? SessionOperations.all(sessions, JobOperations.dashboards(jobs.get()), references)
                : SessionOperations.all(sessions, references));
        operations.addAll(catalogOperations(catalogTags, clock, stores));
        crawlers.ifPresent(service -> operations.addAll(CrawlerOperations.all(service)));
        jobs.ifPresent(service -> operations.addAll(JobOperations.all(service, jobDocuments(), clock, references)));
        connections.ifPresent(service -> operations.addAll(ConnectionOperations.all(service, connectionTester)));
        operations.addAll(TagOperations.all(stores.tags(), taggable, arns));
        return List.copyOf(operations);
    }

    /** How the server reads stored jobs; the job service is built with it. */
    public static JobDocuments jobDocuments() {
        return new JobDocuments(ServiceModel.glue());
    }

    /** The Data Catalog's operations alone (databases, tables, partitions), for tests of catalog clients. */
    public static List<GlueOperation<?, ?>> catalogOperations(GlueArns arns, Clock clock, Stores stores) {
        return catalogOperations(new CatalogTags(stores.catalog(), stores.tags(), arns), clock, stores);
    }

    private static List<GlueOperation<?, ?>> catalogOperations(CatalogTags catalogTags, Clock clock, Stores stores) {
        List<GlueOperation<?, ?>> operations = new ArrayList<>(CatalogOperations.all(stores.catalog(), catalogTags, clock));
        operations.addAll(PartitionOperations.all(stores.catalog(), stores.partitions(), catalogTags, clock));
        return List.copyOf(operations);
    }
}
