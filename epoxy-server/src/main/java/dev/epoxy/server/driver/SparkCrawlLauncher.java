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
import dev.epoxy.driver.protocol.ProcessGroup;
import dev.epoxy.driver.protocol.crawl.CrawlFiles;
import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import dev.epoxy.driver.protocol.crawl.CrawlResult;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final ExecutorService watchers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "crawl-watcher");
        thread.setDaemon(true);
        return thread;
    });

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
        Process process;
        try {
            Files.createDirectories(directories.directoryOf(name));
            Files.deleteIfExists(directories.resultOf(name));
            writeRequest(crawler);
            process = buildProcess(crawler).start();
            Files.writeString(directories.pidOf(name), String.valueOf(process.pid()), StandardCharsets.UTF_8);
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
        Process started = process;
        watchers.execute(() -> watch(name, started, ended));
        return () -> kill(started);
    }

    @Override
    public void killOrphans() {
        List<Path> pidFiles;
        try {
            pidFiles = directories.pidFiles();
        }
        catch (IOException e) {
            LOG.warn("Cannot look for crawl processes of an earlier server: {}", e.getMessage());
            return;
        }
        for (Path pidFile : pidFiles) {
            try {
                long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
                // Only a process that still is a crawl: the pid may have been reused since.
                ProcessHandle.of(pid)
                        .filter(handle -> handle.info().commandLine().map(line -> line.contains(CrawlFiles.MAIN_CLASS)).orElse(false))
                        .ifPresent(handle -> {
                            LOG.warn("Killing crawl process {} left by an earlier server", pid);
                            handle.destroyForcibly();
                            ProcessGroup.killMembers(pid, ProcessHandle.current().pid());
                        });
                Files.deleteIfExists(pidFile);
            }
            catch (IOException | NumberFormatException e) {
                LOG.warn("Cannot read crawl pid file {}: {}", pidFile, e.getMessage());
            }
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
        running.values().forEach(SparkCrawlLauncher::kill);
        watchers.shutdown();
    }

    private void watch(String name, Process process, Consumer<CrawlOutcome> ended) {
        int exitCode;
        try {
            exitCode = process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // What the crawl started is killed with it, whatever it left behind.
        ProcessGroup.killMembers(process.pid(), ProcessHandle.current().pid());
        running.remove(name, process);
        try {
            Files.deleteIfExists(directories.pidOf(name));
        }
        catch (IOException e) {
            LOG.debug("Cannot remove the pid file of crawler {}", name, e);
        }
        CrawlOutcome outcome = outcomeOf(name, exitCode);
        LOG.info("Crawl process of crawler {} exited with code {}", name, exitCode);
        ended.accept(outcome);
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

    private static void kill(Process process) {
        process.destroy();
        // The crawl leads its own group (setsid): its children go with it.
        ProcessGroup.killMembers(process.pid(), ProcessHandle.current().pid());
        process.destroyForcibly();
    }

    private void writeRequest(Crawler crawler) throws IOException {
        CrawlerSpec spec = crawler.spec();
        List<CrawlRequest.Target> targets = spec.s3Targets().stream()
                .map((S3Target target) -> new CrawlRequest.Target(target.path(), target.exclusions(), target.sampleSize().orElse(0)))
                .toList();
        CrawlRequest.RecrawlBehavior recrawl = switch (spec.recrawlBehavior()) {
            case CRAWL_EVERYTHING -> CrawlRequest.RecrawlBehavior.CRAWL_EVERYTHING;
            case CRAWL_NEW_FOLDERS_ONLY, CRAWL_EVENT_MODE -> CrawlRequest.RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY;
        };
        CrawlRequest request = new CrawlRequest(
                crawler.name(),
                spec.databaseName(),
                targets,
                spec.tablePrefix().orElse(""),
                CrawlRequest.UpdateBehavior.valueOf(spec.schemaChangePolicy().updateBehavior().name()),
                CrawlRequest.DeleteBehavior.valueOf(spec.schemaChangePolicy().deleteBehavior().name()),
                recrawl,
                spec.configuration().orElse(null),
                directories.seenFoldersOf(crawler.name()).toString(),
                directories.resultOf(crawler.name()).toString());
        CrawlFiles.writeRequest(directories.requestOf(crawler.name()), request);
    }

    private ProcessBuilder buildProcess(Crawler crawler) throws IOException {
        List<Path> jars = distribution.driverJars();
        Path crawlerJar = distribution.jarOf(jars, CRAWLER_ARTIFACT);
        Path sparkHome = distribution.sparkHome();
        Path directory = directories.directoryOf(crawler.name());

        Map<String, String> conf = new LinkedHashMap<>();
        // One local core, on loopback, without a UI: a crawl is a batch job next to the server.
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.driver.memory", config.localDriverMemory());
        conf.putAll(StorageSparkConf.sparkConf(StorageConfig.defaults(), StorageSparkConf.localS3Root(config.home())));
        conf.put("spark.driver.extraClassPath", SparkDistribution.joinPaths(jars));
        conf.putAll(config.sparkConf());
        conf.put(CrawlFiles.REQUEST_FILE_CONF, directories.requestOf(crawler.name()).toString());

        SecretSparkConf split = SecretSparkConf.split(conf, directory);
        SparkSubmitCommand command = new SparkSubmitCommand(setsid, sparkHome, "local[1]", "epoxy-crawler-" + crawler.name(),
                CrawlFiles.MAIN_CLASS, crawlerJar, split.publicConf(), split.propertiesFile());
        ProcessBuilder builder = new ProcessBuilder(command.command())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directories.logOf(crawler.name()).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(config.driverEnvironment());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }
}
