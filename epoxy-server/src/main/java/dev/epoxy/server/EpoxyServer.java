package dev.epoxy.server;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.crawler.CrawlerService;
import dev.epoxy.core.crawler.CrawlerStore;
import dev.epoxy.core.crawler.CrawlerStoreFactory;
import dev.epoxy.core.catalog.CatalogStoreFactory;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.session.SessionStoreFactory;
import dev.epoxy.server.config.DriverConfigKeys;
import dev.epoxy.server.config.EpoxyConfig;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.config.SessionConfigKeys;
import dev.epoxy.server.config.StorageConfigKeys;
import dev.epoxy.server.config.StoreConfigKeys;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.driver.DriverLinkServer;
import dev.epoxy.server.driver.SparkDriverLauncher;
import dev.epoxy.server.driver.SparkCrawlLauncher;
import dev.epoxy.server.http.GlueEndpoint;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.crawler.CrawlerOperations;
import dev.epoxy.server.http.catalog.CatalogOperations;
import dev.epoxy.server.http.session.SessionOperations;
import dev.epoxy.server.s3.S3Endpoint;
import dev.epoxy.server.s3.S3EndpointConfig;
import dev.epoxy.server.storage.S3Mode;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Epoxy server: the session store, the driver link and launcher, the session service,
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

            SessionStore store = openStore(config);
            started.add(store);
            CatalogStoreFactory.OpenedStore catalog = openCatalogStore(config);
            started.add(catalog.resources());

            DriverLaunchConfig launchConfig = withStorage(DriverConfigKeys.driverLaunchConfig(config), storage, home, s3Endpoint.map(S3Endpoint::uri));
            DriverLinkServer linkServer = DriverLinkServer.start(launchConfig.linkBindAddress(), launchConfig.linkPort());
            started.add(linkServer);

            SparkDriverLauncher launcher = new SparkDriverLauncher(launchConfig, linkServer);
            started.add(launcher);
            // Refuse to start when sessions could never start (no dist, no spark-submit, no pyspark).
            launcher.checkSetup();
            SessionService sessions = new SessionService(store, launcher, Clock.systemUTC(), SessionConfigKeys.sessionConfig(config));
            started.add(sessions);

            CrawlerStore crawlerStore = openCrawlerStore(config);
            started.add(crawlerStore);
            AtomicReference<URI> glueUri = new AtomicReference<>();
            SparkCrawlLauncher crawlLauncher = new SparkCrawlLauncher(launchConfig, glueUri::get, serverConfig.region(), serverConfig.accountId());
            started.add(crawlLauncher);
            // Ends the crawls an earlier server left running, and kills their processes.
            CrawlerService crawlers = new CrawlerService(crawlerStore, crawlLauncher, Clock.systemUTC());
            started.add(crawlers);

            List<GlueOperation<?, ?>> operations = new ArrayList<>(SessionOperations.all(sessions, serverConfig));
            operations.addAll(CatalogOperations.all(catalog.store(), Clock.systemUTC()));
            operations.addAll(CrawlerOperations.all(crawlers));
            GlueEndpoint glueEndpoint = GlueEndpoint.start(serverConfig, operations);
            started.add(glueEndpoint);
            glueUri.set(glueEndpoint.uri());

            // Closed in reverse: the endpoint stops taking requests before the service stops drivers.
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

    /** The storage setting decides how drivers see {@code s3://}: it overrides the launcher's local default. */
    private static DriverLaunchConfig withStorage(DriverLaunchConfig launchConfig, StorageConfig storage, Path home, Optional<URI> s3Endpoint) {
        Map<String, String> sparkConf = new LinkedHashMap<>(StorageSparkConf.sparkConf(storage, StorageSparkConf.localS3Root(home)));
        sparkConf.putAll(launchConfig.sparkConf());
        Map<String, String> environment = new LinkedHashMap<>(StorageSparkConf.driverEnvironment(storage, s3Endpoint));
        if (storage.s3Mode() == S3Mode.LOCAL && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            // boto3 in statements must sign its requests to the local endpoint with something.
            environment.put("AWS_ACCESS_KEY_ID", "epoxy");
            environment.put("AWS_SECRET_ACCESS_KEY", "epoxy");
        }
        List<String> extraJarDirectories = switch (storage.s3Mode()) {
            case LOCAL -> List.of();
            // Hadoop's S3A connector and the AWS SDK it needs are not part of the pyspark distribution.
            case S3A -> List.of("driver-s3a");
        };
        return launchConfig
                .withSparkConf(sparkConf)
                .withExtraJarDirectories(extraJarDirectories)
                .withDriverEnvironment(environment);
    }

    private static SessionStore openStore(EpoxyConfig config) {
        SessionStoreFactory factory = ServiceLoader.load(SessionStoreFactory.class).findFirst()
                .orElseThrow(() -> new EpoxyException(ErrorCode.INTERNAL, "No session store on the classpath (epoxy-jdbc is missing from lib/)"));
        return factory.open(StoreConfigKeys.storeSettings(config));
    }

    private static CrawlerStore openCrawlerStore(EpoxyConfig config) {
        CrawlerStoreFactory factory = ServiceLoader.load(CrawlerStoreFactory.class).findFirst()
                .orElseThrow(() -> new EpoxyException(ErrorCode.INTERNAL, "No crawler store on the classpath (epoxy-jdbc is missing from lib/)"));
        return factory.open(StoreConfigKeys.storeSettings(config));
    }

    private static CatalogStoreFactory.OpenedStore openCatalogStore(EpoxyConfig config) {
        CatalogStoreFactory factory = ServiceLoader.load(CatalogStoreFactory.class).findFirst()
                .orElseThrow(() -> new EpoxyException(ErrorCode.INTERNAL, "No catalog store on the classpath (epoxy-jdbc is missing from lib/)"));
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
