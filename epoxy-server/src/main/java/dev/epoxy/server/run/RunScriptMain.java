package dev.epoxy.server.run;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.job.BookmarkOption;
import dev.epoxy.core.job.JobRunExit;
import dev.epoxy.core.job.JobRunLaunch;
import dev.epoxy.core.job.JobRunListener;
import dev.epoxy.core.job.JobRunProcess;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.WorkerType;
import dev.epoxy.server.config.ConfigLoader;
import dev.epoxy.server.config.DriverConfigKeys;
import dev.epoxy.server.config.EpoxyConfig;
import dev.epoxy.server.config.ServerConfig;
import dev.epoxy.server.config.StorageConfigKeys;
import dev.epoxy.server.driver.DriverGlueEndpoint;
import dev.epoxy.server.driver.ServerDriverConfig;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.driver.SparkJobRunLauncher;
import dev.epoxy.server.s3.S3EndpointConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code epoxy run}: runs a Glue script locally, without a registered job, through the job-run launcher
 * ({@link SparkJobRunLauncher}) with the same storage as {@code epoxy server} (the local S3 root under
 * the Epoxy home), the catalog through a running server's Glue endpoint, and bookmarks in
 * {@code <home>/bookmarks/<JOB_NAME>.json}. The run's log is streamed to stdout; the exit code is the
 * script's outcome (docs/jobs-runs.md).
 */
public final class RunScriptMain {
    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int STOPPED = 130;
    private static final java.time.Duration POLL = java.time.Duration.ofMillis(200);

    private RunScriptMain() {}

    public static void main(String[] args) {
        // Before any logger exists: the terminal is the script's; Epoxy itself only reports problems.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "epoxy-run-logback.xml");
        }
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        RunArguments parsed;
        EpoxyConfig config;
        DriverLaunchConfig launchConfig;
        try {
            parsed = RunArguments.parse(args);
            Map<String, String> systemProperties = new HashMap<>();
            System.getProperties().stringPropertyNames().forEach(name -> systemProperties.put(name, System.getProperty(name)));
            config = ConfigLoader.standard().load(parsed.configArguments(), System.getenv(), systemProperties);
            launchConfig = launchConfig(config, glueEndpoint(parsed, config, err));
        }
        catch (EpoxyException e) {
            err.println("epoxy run: " + e.getMessage());
            return USAGE;
        }

        // A local script path is relative to where `epoxy run` was started.
        String script = parsed.script().matches("(?i)^s3a?://.*") ? parsed.script() : Path.of(parsed.script()).toAbsolutePath().normalize().toString();
        String jobName = parsed.scriptArguments().getOrDefault("--JOB_NAME", defaultJobName(parsed.script()));
        String bookmarkArgument = parsed.scriptArguments().getOrDefault("--job-bookmark-option", BookmarkOption.DISABLE.argument());
        Optional<BookmarkOption> option = BookmarkOption.fromArgument(bookmarkArgument);
        if (option.isEmpty()) {
            err.println("epoxy run: Invalid --job-bookmark-option " + bookmarkArgument + " (expected job-bookmark-enable, job-bookmark-disable or job-bookmark-pause)");
            return USAGE;
        }
        String runId = newRunId();
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--JOB_NAME", jobName);
        arguments.put("--JOB_RUN_ID", runId);
        arguments.put("--job-bookmark-option", option.get().argument());
        arguments.putAll(parsed.scriptArguments());

        LocalBookmarks bookmarks = new LocalBookmarks(launchConfig.home());
        Optional<String> state;
        try {
            state = option.get() == BookmarkOption.DISABLE ? Optional.empty() : bookmarks.load(jobName);
        }
        catch (IOException e) {
            err.println("epoxy run: cannot read the bookmark " + bookmarks.fileOf(jobName) + ": " + e.getMessage());
            return FAILED;
        }
        JobRunLaunch launch = new JobRunLaunch(jobName, runId, 0, parsed.commandName(), script, Optional.empty(), arguments,
                Capacity.ofWorkers(WorkerType.G_1X, 2), option.get(), state, Optional.empty(), List.of());
        return launchAndWait(launch, launchConfig, bookmarks, out, err);
    }

    private static int launchAndWait(JobRunLaunch launch, DriverLaunchConfig launchConfig, LocalBookmarks bookmarks, PrintStream out, PrintStream err) {
        CompletableFuture<JobRunExit> exit = new CompletableFuture<>();
        JobRunListener listener = new JobRunListener() {
            @Override
            public void running(String runId) {}

            @Override
            public void exited(String runId, JobRunExit runExit) {
                exit.complete(runExit);
            }
        };
        try (SparkJobRunLauncher launcher = new SparkJobRunLauncher(launchConfig)) {
            err.println("epoxy run: job " + launch.jobName() + ", run " + launch.runId() + ", log " + launcher.logOf(launch.runId()));
            JobRunProcess process = launcher.launch(launch, listener);
            Thread stopOnInterrupt = new Thread(() -> {
                if (!exit.isDone()) {
                    process.stop();
                    awaitQuietly(exit, launchConfig.stopGracePeriod().plusSeconds(10));
                }
            }, "epoxy-run-stop");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            LogTail tail = new LogTail(launcher.logOf(launch.runId()), out);
            JobRunExit result = null;
            while (result == null) {
                tail.copyNew();
                try {
                    result = exit.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
                catch (TimeoutException e) {
                    // still running: copy what it wrote meanwhile
                }
            }
            tail.copyNew();
            removeHook(stopOnInterrupt);
            return report(launch, result, bookmarks, err);
        }
        catch (IOException e) {
            err.println("epoxy run: cannot copy the run's log: " + e.getMessage());
            return FAILED;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return STOPPED;
        }
        catch (ExecutionException e) {
            err.println("epoxy run: " + e.getCause().getMessage());
            return FAILED;
        }
    }

    private static int report(JobRunLaunch launch, JobRunExit result, LocalBookmarks bookmarks, PrintStream err) {
        switch (result.outcome()) {
            case SUCCEEDED -> {
                if (launch.bookmarkOption() == BookmarkOption.ENABLE && result.committedBookmark().isPresent()) {
                    try {
                        bookmarks.save(launch.jobName(), result.committedBookmark().get());
                    }
                    catch (IOException e) {
                        err.println("epoxy run: the script succeeded but its bookmark cannot be saved to " + bookmarks.fileOf(launch.jobName()) + ": " + e.getMessage());
                        return FAILED;
                    }
                }
                err.println("epoxy run: SUCCEEDED (run " + launch.runId() + ")");
                return SUCCEEDED;
            }
            case FAILED -> {
                err.println("epoxy run: FAILED: " + result.errorMessage().orElse("(no message)"));
                return FAILED;
            }
            case STOPPED -> {
                err.println("epoxy run: STOPPED (run " + launch.runId() + ")");
                return STOPPED;
            }
        }
        throw new IllegalStateException("Unknown outcome " + result.outcome());
    }

    /**
     * The drivers' launch config of {@code epoxy server} for this configuration: the storage setting
     * first, the Glue endpoint last (the same layering as {@code EpoxyServer}'s).
     */
    static DriverLaunchConfig launchConfig(EpoxyConfig config, DriverGlueEndpoint glue) {
        return ServerDriverConfig.layered(DriverConfigKeys.driverLaunchConfig(config), StorageConfigKeys.storageConfig(config), config.home(),
                runningS3Endpoint(config), glue);
    }

    private static DriverGlueEndpoint glueEndpoint(RunArguments parsed, EpoxyConfig config, PrintStream err) {
        ServerConfig server = ServerConfig.from(config);
        URI endpoint = parsed.endpoint().map(URI::create)
                .or(() -> ServerConfig.advertisedEndpoint(config))
                .orElseGet(() -> URI.create("http://" + loopbackFor(server.bindAddress()) + ":" + server.port()));
        if (!answers(endpoint)) {
            err.println("epoxy run: no Epoxy server answers at " + endpoint + ": the script's Data Catalog calls will fail"
                    + " (start one with ./epoxy server, or pass --endpoint URL); everything else works");
        }
        return new DriverGlueEndpoint(endpoint, server.region(), server.accountId());
    }

    /** The S3 endpoint of a server running on this home's configuration, if one answers (boto3 in scripts then reaches it). */
    private static Optional<URI> runningS3Endpoint(EpoxyConfig config) {
        S3EndpointConfig s3 = StorageConfigKeys.s3EndpointConfig(config);
        if (!s3.enabled() || s3.port() == 0) {
            return Optional.empty();
        }
        URI uri = URI.create("http://" + loopbackFor(s3.bindAddress()) + ":" + s3.port());
        return answers(uri) ? Optional.of(uri) : Optional.empty();
    }

    private static String loopbackFor(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
    }

    private static boolean answers(URI endpoint) {
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : ("https".equals(endpoint.getScheme()) ? 443 : 80);
        if (endpoint.getHost() == null) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), 1000);
            return true;
        }
        catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The script's file name without {@code .py}, as a job would be named after it. */
    static String defaultJobName(String script) {
        String name = script.substring(script.lastIndexOf('/') + 1);
        return name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
    }

    /** Glue's run id shape: {@code jr_} and 64 hex digits. */
    private static String newRunId() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "jr_" + HexFormat.of().formatHex(bytes);
    }

    private static void awaitQuietly(CompletableFuture<?> future, java.time.Duration limit) {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException e) {
            // shutting down anyway
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (IllegalStateException e) {
            // already shutting down: the hook finds the run ended
        }
    }
}
