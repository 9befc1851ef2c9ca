package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.crawler.CrawlHandle;
import dev.epoxy.core.crawler.CrawlLauncher;
import dev.epoxy.core.crawler.CrawlOutcome;
import dev.epoxy.core.crawler.CrawlStatus;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerSpec;
import dev.epoxy.core.crawler.S3Target;
import dev.epoxy.driver.protocol.crawl.CrawlFiles;
import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import dev.epoxy.driver.protocol.crawl.CrawlResult;
import dev.epoxy.server.launch.ProcessLaunch;
import dev.epoxy.server.launch.ProcessSupervisor;
import dev.epoxy.server.launch.SparkConfLayers;
import dev.epoxy.server.launch.SupervisedProcess;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each crawl as its own Spark application (local mode, one core) with spark-submit under
 * {@code setsid}, like a session driver without a link: the crawl reads its {@link CrawlRequest}
 * from a file, reaches the catalog through the Glue API at the server's endpoint, sees {@code s3://}
 * through the same storage confs as sessions and writes a {@link CrawlResult} before it exits. The
 * server reads the result when the process has exited and kills what is left of its process group.
 */
public final class SparkCrawlLauncher implements CrawlLauncher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCrawlLauncher.class);
    private static final String CRAWLER_ARTIFACT = "epoxy-crawler";
    /** Where LastCrawl says the log is: Glue's group; the stream is the crawler's name. */
    static final String LOG_GROUP = "/aws-glue/crawlers";

    private final DriverLaunchConfig config;
    private final SparkDistribution distribution;
    private final CrawlDirectories directories;
    private final Optional<Path> setsid;
    private final Map<String, SupervisedProcess> running = new ConcurrentHashMap<>();
    private final ProcessSupervisor supervisor = new ProcessSupervisor("crawl-supervisor");

    /**
     * @param config the drivers' launch config, with the server's storage and Glue endpoint confs
     *     ({@code spark.epoxy.glue.endpoint}) in its Spark conf
     */
    public SparkCrawlLauncher(DriverLaunchConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.distribution = new SparkDistribution(config);
        this.directories = CrawlDirectories.under(config.home());
        this.setsid = SparkSubmitCommand.findSetsid();
    }

    @Override
    public CrawlHandle launch(Crawler crawler, Consumer<CrawlOutcome> ended) {
        String name = crawler.name();
        SupervisedProcess process;
        try {
            Files.createDirectories(directories.directoryOf(name));
            Files.deleteIfExists(directories.resultOf(name));
            writeRequest(crawler);
            process = supervisor.start(processLaunch(crawler));
        }
        catch (EpoxyException e) {
            ended.accept(CrawlOutcome.failed(e.getMessage()));
            return () -> {};
        }
        catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch the crawl of crawler {}", name, e);
            ended.accept(CrawlOutcome.failed("Cannot launch the crawl: " + e.getMessage()));
            return () -> {};
        }
        LOG.info("Crawl of crawler {} runs as process {}", name, process.pid());
        running.put(name, process);
        // On the supervisor's thread, once what is left of the crawl's process group is killed and its pid file gone.
        process.exit().thenAccept(exitCode -> {
            running.remove(name, process);
            LOG.info("Crawl process of crawler {} exited with code {}", name, exitCode);
            ended.accept(outcomeOf(name, exitCode));
        });
        return process::kill;
    }

    @Override
    public void killOrphans() {
        try {
            // Only a process that still is a crawl: the pid may have been reused since.
            ProcessSupervisor.killOrphans(directories.pidFiles(), commandLine -> commandLine.contains(CrawlFiles.MAIN_CLASS));
        }
        catch (IOException e) {
            LOG.warn("Cannot look for crawl processes of an earlier server: {}", e.getMessage());
        }
    }

    @Override
    public String logGroup() {
        return LOG_GROUP;
    }

    @Override
    public void crawlerDeleted(String name) {
        try {
            directories.delete(name);
        }
        catch (IOException | RuntimeException e) {
            LOG.warn("Cannot remove the files of deleted crawler {}: {}", name, e.getMessage());
        }
    }

    /** Kills running crawls (their crawlers end CANCELLED, or FAILED after a restart if the store is gone first). */
    @Override
    public void close() {
        running.values().forEach(SupervisedProcess::kill);
        supervisor.close();
    }

    private CrawlOutcome outcomeOf(String name, int exitCode) {
        Path resultFile = directories.resultOf(name);
        if (!Files.isRegularFile(resultFile)) {
            return CrawlOutcome.failed("The crawl process exited with code " + exitCode + " without a result; see the crawl log " + directories.logOf(name).getFileName()
                    + " of crawler " + name);
        }
        try {
            CrawlResult result = CrawlFiles.readResult(resultFile);
            return new CrawlOutcome(result.succeeded() ? CrawlStatus.SUCCEEDED : CrawlStatus.FAILED, result.failure(),
                    result.tablesCreated(), result.tablesUpdated(), result.tablesDeleted());
        }
        catch (IOException e) {
            return CrawlOutcome.failed("Cannot read the result of the crawl: " + e.getMessage());
        }
    }

    private void writeRequest(Crawler crawler) throws IOException {
        CrawlerSpec spec = crawler.spec();
        List<CrawlRequest.Target> targets = spec.s3Targets().stream()
                .map((S3Target target) -> new CrawlRequest.Target(target.path(), target.exclusions(), target.sampleSize().orElse(0)))
                .toList();
        List<CrawlRequest.JdbcTarget> jdbcTargets = spec.jdbcTargets().stream()
                .map(target -> new CrawlRequest.JdbcTarget(target.connectionName(), target.path(), target.exclusions()))
                .toList();
        CrawlRequest.RecrawlBehavior recrawl = switch (spec.recrawlBehavior()) {
            case CRAWL_EVERYTHING -> CrawlRequest.RecrawlBehavior.CRAWL_EVERYTHING;
            case CRAWL_NEW_FOLDERS_ONLY, CRAWL_EVENT_MODE -> CrawlRequest.RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY;
        };
        CrawlRequest request = new CrawlRequest(
                crawler.name(),
                spec.databaseName(),
                targets,
                jdbcTargets,
                spec.tablePrefix().orElse(""),
                CrawlRequest.UpdateBehavior.valueOf(spec.schemaChangePolicy().updateBehavior().name()),
                CrawlRequest.DeleteBehavior.valueOf(spec.schemaChangePolicy().deleteBehavior().name()),
                recrawl,
                spec.configuration().orElse(null),
                directories.seenFoldersOf(crawler.name()).toString(),
                directories.resultOf(crawler.name()).toString());
        CrawlFiles.writeRequest(directories.requestOf(crawler.name()), request);
    }

    private ProcessLaunch processLaunch(Crawler crawler) throws IOException {
        List<Path> jars = distribution.driverJars();
        Path crawlerJar = distribution.jarOf(jars, CRAWLER_ARTIFACT);
        Path sparkHome = distribution.sparkHome();
        Path directory = directories.directoryOf(crawler.name());

        Map<String, String> conf = sparkConfLayers(crawler, jars).merge().conf();
        SecretSparkConf split = SecretSparkConf.split(conf, directory);
        SparkSubmitCommand command = new SparkSubmitCommand(setsid, sparkHome, "local[1]", "epoxy-crawler-" + crawler.name(),
                CrawlFiles.MAIN_CLASS, crawlerJar, split.publicConf(), split.propertiesFile());
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.putAll(config.driverEnvironment());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        return new ProcessLaunch(command.command(), directory, environment, directories.logOf(crawler.name()), Optional.of(directories.pidOf(crawler.name())),
                crawler.name());
    }

    /** A crawl's confs, by source ({@link SparkConfLayers} has the precedence rules); a crawl has no user confs. */
    SparkConfLayers sparkConfLayers(Crawler crawler, List<Path> jars) {
        Map<String, String> defaults = new LinkedHashMap<>();
        // One local core, on loopback, without a UI: a crawl is a batch job next to the server.
        defaults.put("spark.driver.host", "127.0.0.1");
        defaults.put("spark.driver.bindAddress", "127.0.0.1");
        defaults.put("spark.ui.enabled", "false");
        defaults.put("spark.driver.memory", config.localDriverMemory());
        defaults.putAll(StorageSparkConf.sparkConf(StorageConfig.defaults(), StorageSparkConf.localS3Root(config.home())));
        defaults.put("spark.driver.extraClassPath", SparkDistribution.joinPaths(jars));
        return new SparkConfLayers(defaults, config.sparkConf(), Map.of(), Map.of(CrawlFiles.REQUEST_FILE_CONF, directories.requestOf(crawler.name()).toString()),
                SparkConfLayers.noGuardedKeys());
    }
}
