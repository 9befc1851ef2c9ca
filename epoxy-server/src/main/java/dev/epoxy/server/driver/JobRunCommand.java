package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.job.JobRunConf;
import dev.epoxy.core.job.JobRunLaunch;
import dev.epoxy.core.session.SessionLanguage;
import dev.epoxy.server.launch.SparkConfLayers;
import dev.epoxy.server.storage.StorageConfig;
import dev.epoxy.server.storage.StorageSparkConf;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command, environment and secret confs of one job run: pure (no I/O), pinned by
 * {@code TestJobRunCommand}. {@code glueetl} is spark-submit (client mode, the configured master) of
 * the {@code epoxy_jobrun} wrapper with the same storage, catalog and Glue endpoint confs as sessions;
 * {@code pythonshell} is the configured Python running the same wrapper, without Spark. Either way the
 * wrapper gets the script and then the run's arguments as {@code --KEY value}.
 *
 * @param command the program and its arguments
 * @param environment added to the server's environment
 * @param secretConf credentials to write to {@code secretFile} (passed with {@code --properties-file})
 * @param refusedKeys the job's Spark confs that were ignored ({@code spark.epoxy.*}, the UI guard's)
 */
record JobRunCommand(List<String> command, Map<String, String> environment, Map<String, String> secretConf, Optional<Path> secretFile, List<String> refusedKeys) {
    static final String GLUEETL = "glueetl";
    static final String PYTHON_SHELL = "pythonshell";
    /** Where the wrapper writes {@code {"type", "message"}} of the exception that ended the script. */
    static final String ERROR_FILE_ENVIRONMENT_VARIABLE = "EPOXY_JOBRUN_ERROR_FILE";
    /** The wrapper, relative to the dist's {@code python/} directory; also how an orphan is recognised. */
    static final String WRAPPER = "epoxy_jobrun/__main__.py";
    static final String USER_JARS_FIRST = "--user-jars-first";
    /** Glue's argument naming a job's script language: {@code python} (the default) or {@code scala}. */
    static final String JOB_LANGUAGE = "--job-language";
    /** Compiles and runs a Scala script ({@code --class} names its object); in the driver jar. */
    static final String SCALA_JOB_MAIN_CLASS = "dev.epoxy.driver.ScalaJobMain";

    JobRunCommand {
        command = List.copyOf(command);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        secretConf = Collections.unmodifiableMap(new LinkedHashMap<>(secretConf));
        requireNonNull(secretFile, "secretFile is null");
        refusedKeys = List.copyOf(refusedKeys);
    }

    /**
     * The Spark installation a {@code glueetl} run needs.
     *
     * @param driverJars the dist's {@code driver/} jars (and extra jar directories): the runtime, the catalog, storage
     * @param driverJar the {@code epoxy-driver} jar among them (the Spark UI guard's filter; the driver only)
     */
    record SparkInstallation(Path sparkHome, List<Path> driverJars, Path driverJar) {
        SparkInstallation {
            requireNonNull(sparkHome, "sparkHome is null");
            driverJars = List.copyOf(driverJars);
            requireNonNull(driverJar, "driverJar is null");
        }
    }

    /**
     * Where the run's pieces are on this machine.
     *
     * @param setsid util-linux's setsid, so that the run leads its own process group
     * @param pythonDirectory the dist's {@code python/} (awsglue, epoxy_jobrun)
     * @param script the script file to run
     * @param pythonModules the directory {@code --additional-python-modules} were installed into
     * @param pythonFiles a {@code pythonshell} run's staged {@code --extra-py-files} ({@link PythonShellFiles})
     * @param javaHome the JDK spark-submit runs with
     */
    record Placement(Optional<Path> setsid, Path pythonDirectory, Path script, Optional<Path> pythonModules, List<Path> pythonFiles, String javaHome) {
        Placement {
            requireNonNull(setsid, "setsid is null");
            requireNonNull(pythonDirectory, "pythonDirectory is null");
            requireNonNull(script, "script is null");
            requireNonNull(pythonModules, "pythonModules is null");
            pythonFiles = List.copyOf(pythonFiles);
            requireNonNull(javaHome, "javaHome is null");
        }
    }

    /**
     * A {@code glueetl} run.
     *
     * @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} for a {@code --conf} that is not {@code key=value}
     */
    static JobRunCommand glueetl(JobRunLaunch launch, DriverLaunchConfig config, SparkInstallation spark, Placement placement, JobRunDirectories directories) {
        SparkConfLayers.Merged merged = sparkConfLayers(launch, config, spark, directories).merge();
        Map<String, String> secretConf = SecretSparkConf.secretsOf(merged.conf());
        Optional<Path> secretFile = secretConf.isEmpty()
                ? Optional.empty()
                : Optional.of(directories.directoryOf(launch.runId()).resolve(SecretSparkConf.FILE_NAME));
        // A Scala script is compiled and run by the driver jar's ScalaJobMain, a Python one by the wrapper; both take the same arguments.
        boolean scala = isScala(launch.arguments());
        SparkSubmitCommand submit = new SparkSubmitCommand(placement.setsid(), spark.sparkHome(), config.master(), "epoxy-job-" + launch.jobName(),
                scala ? Optional.of(SCALA_JOB_MAIN_CLASS) : Optional.empty(),
                scala ? spark.driverJar() : placement.pythonDirectory().resolve(WRAPPER),
                SecretSparkConf.publicOf(merged.conf()), secretFile, wrapperArguments(launch, placement));

        Map<String, String> environment = commonEnvironment(launch, config, placement, directories);
        environment.put("PYSPARK_PYTHON", config.python());
        environment.put("PYSPARK_DRIVER_PYTHON", config.python());
        if (DriverResources.isLocal(config.master())) {
            environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        }
        environment.put("JAVA_HOME", placement.javaHome());
        return new JobRunCommand(submit.command(), environment, secretConf, secretFile, merged.refusedKeys());
    }

    /** A {@code pythonshell} run. */
    static JobRunCommand pythonShell(JobRunLaunch launch, DriverLaunchConfig config, Placement placement, JobRunDirectories directories) {
        List<String> command = new ArrayList<>();
        placement.setsid().ifPresent(program -> command.addAll(List.of(program.toString(), "--wait")));
        command.add(config.python());
        command.add(placement.pythonDirectory().resolve(WRAPPER).toString());
        command.addAll(wrapperArguments(launch, placement));
        return new JobRunCommand(command, commonEnvironment(launch, config, placement, directories), Map.of(), Optional.empty(), List.of());
    }

    /** The confs of a {@code glueetl} run, by source ({@link SparkConfLayers} merges them). */
    static SparkConfLayers sparkConfLayers(JobRunLaunch launch, DriverLaunchConfig config, SparkInstallation spark, JobRunDirectories directories) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (DriverResources.isLocal(config.master())) {
            defaults.put("spark.driver.host", "127.0.0.1");
            defaults.put("spark.driver.bindAddress", "127.0.0.1");
        }
        defaults.putAll(DriverResources.sparkConf(launch.capacity(), config.master(), config.localDriverMemory()));
        defaults.putAll(StorageSparkConf.sparkConf(StorageConfig.defaults(), StorageSparkConf.localS3Root(config.home())));
        // A job run has no dashboard (GetDashboardUrl is for sessions); --conf spark.ui.enabled=true turns it on, guarded.
        defaults.put("spark.ui.enabled", "false");
        defaults.putAll(SparkDriverLauncher.uiConf(config));
        defaults.put("spark.pyspark.python", config.python());
        defaults.put("spark.driver.extraClassPath", SparkDistribution.joinPaths(spark.driverJars()));
        List<Path> executorJars = spark.driverJars().stream().filter(jar -> !jar.equals(spark.driverJar())).toList();
        if (!executorJars.isEmpty()) {
            defaults.put("spark.jars", String.join(",", executorJars.stream().map(Path::toString).toList()));
        }

        Map<String, String> user = new LinkedHashMap<>(GlueArguments.sparkConf(launch.arguments()));
        if (Boolean.parseBoolean(launch.arguments().getOrDefault(USER_JARS_FIRST, "false").strip())) {
            user.put("spark.driver.userClassPathFirst", "true");
            user.put("spark.executor.userClassPathFirst", "true");
        }

        Map<String, String> epoxy = new LinkedHashMap<>();
        epoxy.put(JobRunConf.JOB_NAME, launch.jobName());
        epoxy.put(JobRunConf.RUN_ID, launch.runId());
        epoxy.put(JobRunConf.BOOKMARK_OPTION, launch.bookmarkOption().argument());
        epoxy.put(JobRunConf.BOOKMARK_COMMIT_FILE, directories.bookmarkCommitOf(launch.runId()).toString());
        if (launch.bookmarkState().isPresent()) {
            epoxy.put(JobRunConf.BOOKMARK_STATE_FILE, directories.bookmarkStateOf(launch.runId()).toString());
        }
        if (launch.bookmarkToState().isPresent()) {
            epoxy.put(JobRunConf.BOOKMARK_TO_STATE_FILE, directories.bookmarkToStateOf(launch.runId()).toString());
        }
        if (!launch.connections().isEmpty()) {
            epoxy.put(DriverGlueEndpoint.CONNECTIONS_CONF, String.join(",", launch.connections()));
        }
        return new SparkConfLayers(defaults, config.sparkConf(), user, epoxy, SparkDriverLauncher::isUiGuardKey);
    }

    /**
     * Whether {@code --job-language} says {@code scala}.
     *
     * @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} for a value that names no language
     */
    static boolean isScala(Map<String, String> arguments) {
        String language = arguments.get(JOB_LANGUAGE);
        return language != null && SessionLanguage.fromArgument(JOB_LANGUAGE, language) == SessionLanguage.SCALA;
    }

    /** The script, then every argument as {@code --KEY value}, in the launch's order. */
    private static List<String> wrapperArguments(JobRunLaunch launch, Placement placement) {
        List<String> arguments = new ArrayList<>();
        arguments.add(placement.script().toString());
        launch.arguments().forEach((key, value) -> {
            arguments.add(key.startsWith("--") ? key : "--" + key);
            arguments.add(value);
        });
        return arguments;
    }

    private static Map<String, String> commonEnvironment(JobRunLaunch launch, DriverLaunchConfig config, Placement placement, JobRunDirectories directories) {
        Map<String, String> environment = new LinkedHashMap<>(config.driverEnvironment());
        // The log is a file: without this, prints would reach it (and `epoxy run`'s terminal) only in 8 KiB blocks.
        environment.put("PYTHONUNBUFFERED", "1");
        List<String> pythonPath = new ArrayList<>();
        placement.pythonModules().ifPresent(modules -> pythonPath.add(modules.toString()));
        placement.pythonFiles().forEach(file -> pythonPath.add(file.toString()));
        pythonPath.add(placement.pythonDirectory().toString());
        environment.put("PYTHONPATH", String.join(File.pathSeparator, pythonPath));
        environment.put(ERROR_FILE_ENVIRONMENT_VARIABLE, directories.errorOf(launch.runId()).toString());
        return environment;
    }
}
