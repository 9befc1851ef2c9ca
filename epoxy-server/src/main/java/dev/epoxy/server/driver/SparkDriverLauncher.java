package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.driver.DriverHandle;
import dev.epoxy.core.driver.DriverLauncher;
import dev.epoxy.core.driver.DriverListener;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.driver.protocol.LinkProtocol;
import dev.epoxy.driver.protocol.ProcessGroup;
import dev.epoxy.server.launch.ProcessLaunch;
import dev.epoxy.server.launch.ProcessSupervisor;
import dev.epoxy.server.launch.SparkConfLayers;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches each session's driver with spark-submit (client deploy mode, the arguments Spark's
 * {@code SparkLauncher} would pass; {@link SparkSubmitCommand}) under {@code setsid}, as a child
 * process that leads its own process group, in the session's directory
 * ({@link SessionDirectories}) with stdout and stderr in its {@code driver.log}. The driver is a
 * plain process that a later version can leave running across a server restart. A session with
 * {@code --additional-python-modules} has them installed ({@link PythonModules}) on the launcher's
 * own install threads first, while it stays PROVISIONING; a failed install fails it with pip's message.
 */
public final class SparkDriverLauncher implements DriverLauncher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkDriverLauncher.class);
    private static final String DRIVER_MAIN_CLASS = "dev.epoxy.driver.DriverMain";
    private static final String DRIVER_ARTIFACT = "epoxy-driver";
    /** The javax.servlet filter (in epoxy-driver) that guards the Spark UI's Host header. */
    static final String UI_HOST_GUARD = "dev.epoxy.driver.ui.UiHostGuard";
    static final String UI_HOST_GUARD_PARAM = "spark." + UI_HOST_GUARD + ".param.";

    private final DriverLaunchConfig config;
    private final DriverLinkServer linkServer;
    private final SessionDirectories directories;
    private final Optional<Path> setsid;
    private final SecureRandom random = new SecureRandom();
    private final SparkDistribution distribution;
    private final Map<String, SparkDriverHandle> handles = new ConcurrentHashMap<>();
    /** Runs the drivers' exit callbacks, listener calls and kill timers. */
    private final ProcessSupervisor supervisor = new ProcessSupervisor("driver-supervisor");
    /** Installs sessions' {@code --additional-python-modules}, which can take minutes, off the request thread. */
    private final ThreadPoolExecutor installer = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "python-modules-installer");
        thread.setDaemon(true);
        return thread;
    });

    public SparkDriverLauncher(DriverLaunchConfig config, DriverLinkServer linkServer) {
        this.config = requireNonNull(config, "config is null");
        this.linkServer = requireNonNull(linkServer, "linkServer is null");
        this.directories = SessionDirectories.under(config.home());
        this.distribution = new SparkDistribution(config);
        this.setsid = SparkSubmitCommand.findSetsid();
        if (setsid.isEmpty()) {
            LOG.warn("No setsid (util-linux) found: processes that statements start cannot be killed with their session's driver; install util-linux");
        }
        directories.deleteLeftovers();
        installer.allowCoreThreadTimeOut(true);
    }

    /**
     * Checks what every launch needs (the dist's driver jars, Spark's spark-submit, a Python that
     * finds Spark), so that a server can refuse to start with the reason instead of failing each
     * session later.
     *
     * @throws EpoxyException {@code INTERNAL}, naming the setting to fix
     */
    public void checkSetup() {
        try {
            distribution.jarOf(SparkDistribution.listJars(distribution.distDir().resolve("driver")), DRIVER_ARTIFACT);
        }
        catch (IOException e) {
            throw launchFailure("Cannot read the Epoxy distribution: %s", e.getMessage());
        }
        distribution.sparkHome();
    }

    @Override
    public DriverHandle launch(Session session, DriverListener listener) {
        String sessionId = session.id().value();
        Path driverLog = directories.driverLogOf(sessionId);
        String token = newToken();
        SparkDriverHandle[] self = new SparkDriverHandle[1];
        SparkDriverHandle handle = new SparkDriverHandle(session.id(), listener, config.stopGracePeriod(), driverLog, supervisor,
                () -> linkServer.unregister(sessionId, self[0]));
        self[0] = handle;
        handles.put(sessionId, handle);
        handle.exited().thenRun(() -> handles.remove(sessionId, handle));
        linkServer.register(sessionId, token, handle);
        if (session.spec().defaultArguments().getOrDefault(PythonModules.ADDITIONAL_PYTHON_MODULES, "").isBlank()) {
            start(session, handle, token);
        }
        else {
            try {
                installer.execute(() -> start(session, handle, token));
            }
            catch (RejectedExecutionException e) {
                handle.failedToStart("Cannot launch the session driver: the server is stopping");
            }
        }
        return handle;
    }

    private void start(Session session, SparkDriverHandle handle, String token) {
        String sessionId = session.id().value();
        Path sessionDir = directories.directoryOf(sessionId);
        Path driverLog = directories.driverLogOf(sessionId);
        try {
            Files.createDirectories(sessionDir);
            Optional<Path> modules = PythonModules.installFor(session.spec().defaultArguments(), config.python(), config.home(), driverLog);
            if (handle.isStopRequested()) {
                // Stopped (or timed out) while pip ran: the handle has already reported it.
                return;
            }
            handle.started(supervisor.start(processLaunch(session, sessionDir, driverLog, token, modules)));
        }
        catch (EpoxyException e) {
            handle.failedToStart(e.getMessage());
        }
        catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch the driver of session {}", sessionId, e);
            handle.failedToStart("Cannot launch the session driver: " + e.getMessage());
        }
    }

    /**
     * {@code --python-modules-installer-option} must leave the install directory to Epoxy, and
     * {@code --extra-py-files} entries in Epoxy's own storage (s3:// on this disk) or local paths must
     * exist: Spark would otherwise fail the driver at start with a stack trace in its log. Entries
     * elsewhere (remote storage, other schemes) are Spark's to fetch. {@code --conf} entries must be
     * confs Spark can read ({@link GlueArguments#checkLaunchable}).
     */
    @Override
    public void checkLaunchable(SessionId id, SessionSpec spec) {
        GlueArguments.checkLaunchable(spec.defaultArguments());
        PythonModules.installerOptions(spec.defaultArguments().getOrDefault(PythonModules.INSTALLER_OPTION, ""));
        String extraPyFiles = spec.defaultArguments().getOrDefault(GlueArguments.EXTRA_PY_FILES, "");
        for (String entry : extraPyFiles.split(",")) {
            String location = entry.strip();
            if (location.isEmpty()) {
                continue;
            }
            boolean localStorage = config.sparkConf().getOrDefault(StorageSparkConf.S3_IMPL, StorageSparkConf.LOCAL_S3_FILE_SYSTEM)
                    .equals(StorageSparkConf.LOCAL_S3_FILE_SYSTEM);
            boolean otherScheme = !JobScripts.isInStorage(location) && location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*");
            if ((JobScripts.isInStorage(location) && localStorage) || (!JobScripts.isInStorage(location) && !otherScheme)) {
                JobScripts.resolve("Cannot create session " + id.value() + ": --extra-py-files entry", location, config.sparkConf(), config.home());
            }
        }
    }

    /**
     * Removes the session's directory (its driver log included): moved aside at once, so the id can
     * be used again, and deleted once the session's driver, if one still runs, has exited.
     */
    @Override
    public void sessionDeleted(SessionId id) {
        Optional<Path> movedAside;
        try {
            movedAside = directories.moveAside(id.value());
        }
        catch (IOException e) {
            LOG.warn("Cannot remove the directory of deleted session {}: {}", id, e.getMessage());
            return;
        }
        if (movedAside.isEmpty()) {
            return;
        }
        SparkDriverHandle running = handles.get(id.value());
        CompletableFuture<Void> exited = running == null ? CompletableFuture.completedFuture(null) : running.exited();
        exited.thenRunAsync(() -> SessionDirectories.deleteTree(movedAside.get()), supervisor::execute);
    }

    /**
     * Waits (up to the stop grace period and the forced kill after it) for the drivers that are
     * stopping to exit, then kills what is left and their process groups.
     */
    @Override
    public void close() {
        List<SparkDriverHandle> running = List.copyOf(handles.values());
        CompletableFuture<Void> all = CompletableFuture.allOf(running.stream().map(SparkDriverHandle::exited).toArray(CompletableFuture[]::new));
        try {
            all.get(config.stopGracePeriod().plusSeconds(6).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException e) {
            LOG.warn("{} session drivers did not exit in time; killing them", running.stream().filter(handle -> !handle.exited().isDone()).count());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        installer.shutdownNow();
        supervisor.close();
        for (SparkDriverHandle handle : running) {
            if (handle.exited().isDone()) {
                // Its group was handled when it exited; its pid may belong to someone else by now.
                continue;
            }
            handle.pid().ifPresent(pid -> {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                ProcessGroup.killMembers(pid, ProcessHandle.current().pid());
            });
        }
    }

    private ProcessLaunch processLaunch(Session session, Path sessionDir, Path driverLog, String token, Optional<Path> pythonModules) throws IOException {
        List<Path> driverJars = distribution.driverJars();
        Path driverJar = distribution.jarOf(driverJars, DRIVER_ARTIFACT);
        Path sparkHome = distribution.sparkHome();

        SparkConfLayers.Merged merged = sparkConfLayers(session, driverJars, driverJar).merge();
        merged.refusedKeys().forEach(key -> LOG.warn("Session {} tried to set {}; ignored", session.id(), key));
        Map<String, String> conf = merged.conf();

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(LinkProtocol.TOKEN_ENVIRONMENT_VARIABLE, token);
        environment.put("PYSPARK_PYTHON", config.python());
        if (DriverResources.isLocal(config.master())) {
            environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        }
        // pyspark.pandas asks for it on driver and executors (it warns into the statement's output otherwise).
        environment.put("PYARROW_IGNORE_TIMEZONE", "1");
        environment.putAll(config.driverEnvironment());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // First on the path of the interpreter and of local Python workers, over the base environment.
        pythonModules.ifPresent(modules -> environment.put("PYTHONPATH", pythonPath(modules, environment.get("PYTHONPATH"))));

        // Credentials go through a file only its owner can read, never on the command line (ps).
        SecretSparkConf split = SecretSparkConf.split(conf, sessionDir);
        SparkSubmitCommand command = new SparkSubmitCommand(setsid, sparkHome, config.master(), "epoxy-" + session.id().value(),
                DRIVER_MAIN_CLASS, driverJar, split.publicConf(), split.propertiesFile());
        // No pid file: a driver is found again over its link, not killed, after a server restart.
        return new ProcessLaunch(command.command(), sessionDir, environment, driverLog, Optional.empty(), session.id().value());
    }

    /** A session driver's confs, by source ({@link SparkConfLayers} has the precedence rules). */
    SparkConfLayers sparkConfLayers(Session session, List<Path> driverJars, Path driverJar) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (DriverResources.isLocal(config.master())) {
            // Keep the driver (and its Spark UI) on loopback; local mode needs no other address.
            defaults.put("spark.driver.host", "127.0.0.1");
            defaults.put("spark.driver.bindAddress", "127.0.0.1");
        }
        defaults.putAll(DriverResources.sparkConf(session.spec().capacity(), config.master(), config.localDriverMemory()));
        // Local s3:// unless the configured confs (the server's storage setting) say otherwise.
        defaults.putAll(StorageSparkConf.sparkConf(StorageConfig.defaults(), StorageSparkConf.localS3Root(config.home())));
        defaults.putAll(uiConf(config));
        defaults.put("spark.pyspark.python", config.python());
        defaults.put("spark.driver.extraClassPath", SparkDistribution.joinPaths(driverJars));
        List<Path> executorJars = driverJars.stream().filter(jar -> !jar.equals(driverJar)).toList();
        if (!executorJars.isEmpty()) {
            defaults.put("spark.jars", executorJars.stream().map(Path::toString).reduce((a, b) -> a + "," + b).orElseThrow());
        }

        Map<String, String> epoxy = new LinkedHashMap<>();
        epoxy.put("spark.epoxy.session-id", session.id().value());
        epoxy.put("spark.epoxy.link-address", linkServer.address());
        epoxy.put("spark.epoxy.python", config.python());
        epoxy.put("spark.epoxy.python-path", distribution.distDir().resolve("python").toString());
        epoxy.put("spark.epoxy.max-output-bytes", String.valueOf(config.maxOutputBytes()));
        epoxy.put("spark.epoxy.cancel-grace-period-millis", String.valueOf(config.cancelGracePeriod().toMillis()));
        epoxy.put("spark.epoxy.max-log-bytes-per-statement", String.valueOf(config.maxLogBytesPerStatement()));
        epoxy.put("spark.epoxy.max-log-bytes", String.valueOf(config.maxLogBytes()));
        epoxy.put("spark.epoxy.link-give-up-after", String.valueOf(config.linkGiveUpAfter().toSeconds()));
        epoxy.put("spark.epoxy.link-reattach-window", String.valueOf(config.linkReattachWindow().toSeconds()));
        // A new server can only find a driver again on the same, fixed, port.
        epoxy.put("spark.epoxy.link-port-ephemeral", String.valueOf(config.linkPort() == 0));
        // Client deploy mode: the driver runs on this machine and can watch this process.
        epoxy.put("spark.epoxy.server-pid", String.valueOf(ProcessHandle.current().pid()));
        epoxy.put("spark.epoxy.session-language", session.spec().language().argumentValue());
        if (!session.spec().connections().isEmpty()) {
            epoxy.put(DriverGlueEndpoint.CONNECTIONS_CONF, String.join(",", session.spec().connections()));
        }
        return new SparkConfLayers(defaults, config.sparkConf(), GlueArguments.sparkConf(session.spec().defaultArguments()), epoxy,
                SparkDriverLauncher::isUiGuardKey);
    }

    /**
     * The Spark UI (GetDashboardUrl's target): no kill links, and behind {@link #UI_HOST_GUARD}, the
     * same Host check as the Glue endpoint's, against DNS rebinding. The server's own
     * {@code epoxy.session.spark-conf} may change these; a session's {@code --conf} may not.
     */
    static Map<String, String> uiConf(DriverLaunchConfig config) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.ui.killEnabled", "false");
        conf.put("spark.ui.filters", UI_HOST_GUARD);
        conf.put(UI_HOST_GUARD_PARAM + "enabled", String.valueOf(config.uiHostGuard()));
        if (!config.uiAllowedHosts().isEmpty()) {
            conf.put(UI_HOST_GUARD_PARAM + "allowed-hosts", String.join(",", config.uiAllowedHosts()));
        }
        return conf;
    }

    static boolean isUiGuardKey(String key) {
        return key.equals("spark.ui.killEnabled") || key.equals("spark.ui.filters") || key.startsWith(UI_HOST_GUARD_PARAM);
    }

    private static String pythonPath(Path modules, String inherited) {
        return inherited == null || inherited.isEmpty() ? modules.toString() : modules + File.pathSeparator + inherited;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static EpoxyException launchFailure(String format, Object... args) {
        return SparkDistribution.launchFailure(format, args);
    }
}
