package dev.epoxy.server;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.connection.ConnectionService;
import dev.epoxy.core.crawler.CrawlerService;
import dev.epoxy.core.job.JobService;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.server.config.CrawlerConfigKeys;
import dev.epoxy.server.config.DriverConfigKeys;
import dev.epoxy.server.config.EpoxyConfig;
import dev.epoxy.server.config.JobConfigKeys;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.config.SessionConfigKeys;
import dev.epoxy.server.config.StorageConfigKeys;
import dev.epoxy.server.config.StoreConfigKeys;
import dev.epoxy.server.connection.JdbcConnectionTester;
import dev.epoxy.server.connection.ServerCertificates;
import dev.epoxy.server.driver.DriverGlueEndpoint;
import dev.epoxy.server.secret.ConnectionKeyring;
import dev.epoxy.server.driver.ServerDriverConfig;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.driver.DriverLinkServer;
import dev.epoxy.server.driver.SparkCrawlLauncher;
import dev.epoxy.server.driver.SparkDriverLauncher;
import dev.epoxy.server.driver.SparkJobRunLauncher;
import dev.epoxy.server.http.GlueApi;
import dev.epoxy.server.http.GlueEndpoint;
import dev.epoxy.server.s3.S3Endpoint;
import dev.epoxy.server.s3.S3EndpointConfig;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Epoxy server: the stores, the driver link and launcher, the session service,
 * the Glue endpoint and the S3 endpoint, started in dependency order and closed in reverse.
 */
public final class EpoxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpoxyServer.class);

    private final List<AutoCloseable> resources;
    private final GlueEndpoint glueEndpoint;
    private final Optional<S3Endpoint> s3Endpoint;
    private final Path home;

    private EpoxyServer(List<AutoCloseable> resources, GlueEndpoint glueEndpoint, Optional<S3Endpoint> s3Endpoint, Path home) {
        this.resources = resources;
        this.glueEndpoint = glueEndpoint;
        this.s3Endpoint = s3Endpoint;
        this.home = home;
    }

    /**
     * Starts everything the configuration describes.
     *
     * @throws EpoxyException {@code INVALID_INPUT} for bad settings, {@code INTERNAL} when a part cannot start
     */
    public static EpoxyServer start(EpoxyConfig config) {
        requireNonNull(config, "config is null");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path home = config.home();
            ServerConfig serverConfig = ServerConfig.from(config);
            StorageConfig storage = StorageConfigKeys.storageConfig(config);
            S3EndpointConfig s3Config = StorageConfigKeys.s3EndpointConfig(config);

            Optional<S3Endpoint> s3Endpoint = Optional.empty();
            if (s3Config.enabled()) {
                S3Endpoint endpoint = S3Endpoint.start(s3Config, StorageSparkConf.localS3Root(home));
                started.add(endpoint);
                s3Endpoint = Optional.of(endpoint);
            }

            Stores stores = openStores(config);
            started.add(stores);

            // Bound before the launcher exists, so that drivers can be given its URL (with port 0 too).
            GlueEndpoint glueEndpoint = GlueEndpoint.bind(serverConfig);
            started.add(glueEndpoint);
            DriverGlueEndpoint driverGlue = new DriverGlueEndpoint(ServerConfig.advertisedEndpoint(config).orElseGet(glueEndpoint::uri), serverConfig.region(), serverConfig.accountId());

            DriverLaunchConfig launchConfig = ServerDriverConfig.layered(DriverConfigKeys.driverLaunchConfig(config), storage, home,
                    s3Endpoint.map(S3Endpoint::uri), driverGlue);
            DriverLinkServer linkServer = DriverLinkServer.start(launchConfig.linkBindAddress(), launchConfig.linkPort());
            started.add(linkServer);

            SparkDriverLauncher launcher = new SparkDriverLauncher(launchConfig, linkServer);
            started.add(launcher);
            // Refuse to start when sessions could never start (no dist, no spark-submit, no pyspark).
            launcher.checkSetup();
            SessionService sessions = new SessionService(stores.sessions(), stores.tags(), serverConfig.arns(), launcher, Clock.systemUTC(), SessionConfigKeys.sessionConfig(config));
            started.add(sessions);

            // The launch config carries the Glue endpoint and storage confs, so crawls see the catalog and s3:// as sessions do.
            SparkCrawlLauncher crawlLauncher = new SparkCrawlLauncher(launchConfig);
            started.add(crawlLauncher);
            // Ends the crawls an earlier server left running, and kills their processes.
            CrawlerService crawlers = new CrawlerService(stores.crawlers(), stores.tags(), serverConfig.arns(), crawlLauncher, Clock.systemUTC(),
                    CrawlerConfigKeys.crawlerConfig(config));
            started.add(crawlers);

            // Job runs get the same launch config as crawls; the service ends the runs an earlier server left active.
            SparkJobRunLauncher jobLauncher = new SparkJobRunLauncher(launchConfig);
            started.add(jobLauncher);
            JobService jobs = new JobService(stores.jobs(), stores.tags(), serverConfig.arns(), jobLauncher, GlueApi.jobDocuments(), Clock.systemUTC(),
                    JobConfigKeys.jobConfig(config));
            started.add(jobs);

            // Connection secrets are sealed with a key kept outside the database (docs/connections.md).
            ConnectionService connections = new ConnectionService(stores.connections(), stores.tags(), serverConfig.arns(),
                    ConnectionKeyring.openOrCreate(ConnectionKeyring.fileIn(home)), Clock.systemUTC());

            glueEndpoint.serve(GlueApi.operations(serverConfig.arns(), Clock.systemUTC(), stores, sessions, Optional.of(crawlers), Optional.of(jobs),
                    Optional.of(connections), JdbcConnectionTester.shippedDrivers(new ServerCertificates(launchConfig.sparkConf(), home))));
            // Last in the list, so first to close: the endpoint stops taking requests before the service stops drivers.
            started.remove(glueEndpoint);
            started.add(glueEndpoint);

            Collections.reverse(started);
            return new EpoxyServer(List.copyOf(started), glueEndpoint, s3Endpoint, home);
        }
        catch (RuntimeException e) {
            Collections.reverse(started);
            closeAll(started);
            throw e;
        }
    }

    /** The Glue/STS endpoint, e.g. {@code http://127.0.0.1:9911}. */
    public URI endpoint() {
        return glueEndpoint.uri();
    }

    public Optional<URI> s3Endpoint() {
        return s3Endpoint.map(S3Endpoint::uri);
    }

    public Path home() {
        return home;
    }

    /** Blocks until the HTTP server stops. */
    public void join() throws InterruptedException {
        glueEndpoint.join();
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    /** The stores the configuration names (the embedded H2 database in the home by default). */
    static Stores openStores(EpoxyConfig config) {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst()
                .orElseThrow(() -> new EpoxyException(ErrorCode.INTERNAL, "No store on the classpath (epoxy-jdbc is missing from lib/)"));
        return factory.open(StoreConfigKeys.storeSettings(config));
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            }
            catch (Exception e) {
                LOG.warn("Cannot close {} cleanly", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
