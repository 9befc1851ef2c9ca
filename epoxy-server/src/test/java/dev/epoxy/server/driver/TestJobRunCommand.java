package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.job.BookmarkOption;
import dev.epoxy.core.job.JobRunLaunch;
import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.WorkerType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestJobRunCommand {
    private static final Path HOME = Path.of("/srv/epoxy");
    private static final Path RUN_DIR = Path.of("/srv/epoxy/job-runs/jr_1");
    private static final DriverLaunchConfig CONFIG = DriverLaunchConfig.defaults()
            .withHome(HOME)
            .withPython("/venv/bin/python")
            .withSparkConf(Map.of("spark.epoxy.glue.endpoint", "http://127.0.0.1:9911", "spark.hadoop.fs.s3a.access.key", "AKIA-secret"))
            .withDriverEnvironment(Map.of("AWS_ENDPOINT_URL_GLUE", "http://127.0.0.1:9911"));
    private static final JobRunCommand.SparkInstallation SPARK = new JobRunCommand.SparkInstallation(Path.of("/opt/spark"),
            List.of(Path.of("/dist/driver/epoxy-driver-1.jar"), Path.of("/dist/driver/epoxy-runtime-1.jar")), Path.of("/dist/driver/epoxy-driver-1.jar"));
    private static final JobRunCommand.Placement PLACEMENT = new JobRunCommand.Placement(Optional.of(Path.of("/usr/bin/setsid")), Path.of("/dist/python"),
            RUN_DIR.resolve("script/job.py"), Optional.of(Path.of("/srv/epoxy/python-modules/abc")), List.of(), "/jdk");
    private static final JobRunDirectories DIRECTORIES = JobRunDirectories.under(HOME);

    @Test
    void glueetlIsSparkSubmitOfTheWrapperWithEveryConfSource() {
        JobRunCommand command = JobRunCommand.glueetl(launch("glueetl", arguments()), CONFIG, SPARK, PLACEMENT, DIRECTORIES);

        List<String> expected = new ArrayList<>(List.of("/usr/bin/setsid", "--wait", "/opt/spark/bin/spark-submit",
                "--master", "local[*]", "--deploy-mode", "client", "--name", "epoxy-job-nightly"));
        for (String conf : List.of(
                "spark.driver.host=127.0.0.1",
                "spark.driver.bindAddress=127.0.0.1",
                "spark.epoxy.worker-type=G.1X",
                "spark.epoxy.number-of-workers=2",
                "spark.driver.memory=2g",
                "spark.hadoop.fs.s3.impl=dev.epoxy.storage.LocalS3FileSystem",
                "spark.hadoop.fs.epoxy.s3.root=/srv/epoxy/s3",
                "spark.ui.enabled=false",
                "spark.ui.killEnabled=false",
                "spark.ui.filters=dev.epoxy.driver.ui.UiHostGuard",
                "spark.dev.epoxy.driver.ui.UiHostGuard.param.enabled=true",
                "spark.pyspark.python=/venv/bin/python",
                "spark.driver.extraClassPath=/dist/driver/epoxy-driver-1.jar:/dist/driver/epoxy-runtime-1.jar",
                // The dist's jars for the executors, then --extra-jars.
                "spark.jars=/dist/driver/epoxy-runtime-1.jar,/u/x.jar",
                "spark.epoxy.glue.endpoint=http://127.0.0.1:9911",
                "spark.sql.shuffle.partitions=4",
                "spark.driver.userClassPathFirst=true",
                "spark.executor.userClassPathFirst=true",
                // The job's own --conf spark.epoxy.job.name=evil is refused: the launcher's settings come last.
                "spark.epoxy.job.name=nightly",
                "spark.epoxy.job.run-id=jr_1",
                "spark.epoxy.job.bookmark-option=job-bookmark-enable",
                "spark.epoxy.job.bookmark-commit-file=/srv/epoxy/job-runs/jr_1/bookmark-commit.json",
                "spark.epoxy.job.bookmark-state-file=/srv/epoxy/job-runs/jr_1/bookmark-state.json")) {
            expected.addAll(List.of("--conf", conf));
        }
        expected.addAll(List.of("--properties-file", "/srv/epoxy/job-runs/jr_1/secret.properties",
                "/dist/python/epoxy_jobrun/__main__.py", "/srv/epoxy/job-runs/jr_1/script/job.py",
                "--JOB_NAME", "nightly", "--JOB_RUN_ID", "jr_1", "--job-bookmark-option", "job-bookmark-enable",
                "--conf", "spark.sql.shuffle.partitions=4 --conf spark.epoxy.job.name=evil",
                "--extra-jars", "/u/x.jar", "--user-jars-first", "true", "--output_path", "s3://out/result/"));
        assertThat(command.command()).isEqualTo(expected);
        assertThat(command.refusedKeys()).containsExactly("spark.epoxy.job.name");
        assertThat(command.secretConf()).isEqualTo(Map.of("spark.hadoop.fs.s3a.access.key", "AKIA-secret"));
        assertThat(command.secretFile()).contains(RUN_DIR.resolve("secret.properties"));
        assertThat(String.join(" ", command.command())).doesNotContain("AKIA-secret");
        assertThat(command.environment()).isEqualTo(Map.of(
                "AWS_ENDPOINT_URL_GLUE", "http://127.0.0.1:9911",
                "PYTHONUNBUFFERED", "1",
                "PYTHONPATH", "/srv/epoxy/python-modules/abc:/dist/python",
                "EPOXY_JOBRUN_ERROR_FILE", "/srv/epoxy/job-runs/jr_1/error.json",
                "PYSPARK_PYTHON", "/venv/bin/python",
                "PYSPARK_DRIVER_PYTHON", "/venv/bin/python",
                "SPARK_LOCAL_IP", "127.0.0.1",
                "JAVA_HOME", "/jdk"));
    }

    @Test
    void glueetlOnAClusterMasterSizesExecutorsByWorkerTypeAndLeavesLoopbackOut() {
        JobRunCommand command = JobRunCommand.glueetl(launch("glueetl", Map.of("--JOB_NAME", "nightly"), Optional.empty()), CONFIG.withMaster("spark://m:7077"), SPARK, PLACEMENT,
                DIRECTORIES);
        List<String> confs = confsOf(command.command());
        // G.1X: 16 GB workers, 10g executors (5/8), 4 cores; one of the two workers is the driver.
        assertThat(confs).contains("spark.executor.instances=1", "spark.executor.cores=4", "spark.executor.memory=10g", "spark.driver.memory=10g");
        assertThat(confs).noneMatch(conf -> conf.startsWith("spark.driver.host=") || conf.startsWith("spark.driver.bindAddress="));
        assertThat(command.command()).containsSequence("--master", "spark://m:7077");
        assertThat(command.environment()).doesNotContainKey("SPARK_LOCAL_IP");
        // No state to start from: no state file setting.
        assertThat(confs).noneMatch(conf -> conf.startsWith("spark.epoxy.job.bookmark-state-file="));
    }

    @Test
    void glueetlWithAMalformedConfNamesIt() {
        assertThatThrownBy(() -> JobRunCommand.glueetl(launch("glueetl", Map.of("--conf", "novalue")), CONFIG, SPARK, PLACEMENT, DIRECTORIES))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid --conf in DefaultArguments (expected key=value): novalue");
    }

    @Test
    void glueetlWithAScalaScriptRunsTheDriverJarsScalaJobMainWithTheSameArguments() {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--job-language", "Scala");
        arguments.put("--class", "GlueApp");
        List<String> command = JobRunCommand.glueetl(launch("glueetl", arguments), CONFIG, SPARK, PLACEMENT, DIRECTORIES).command();

        int jar = command.indexOf("/dist/driver/epoxy-driver-1.jar");
        assertThat(command.subList(jar - 2, command.size())).containsExactly("--class", "dev.epoxy.driver.ScalaJobMain",
                "/dist/driver/epoxy-driver-1.jar", RUN_DIR.resolve("script/job.py").toString(), "--job-language", "Scala", "--class", "GlueApp");
        assertThatThrownBy(() -> JobRunCommand.glueetl(launch("glueetl", Map.of("--job-language", "cobol")), CONFIG, SPARK, PLACEMENT, DIRECTORIES))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid --job-language in DefaultArguments: cobol (expected one of python, scala)");
    }

    @Test
    void pythonShellIsThePythonRunningTheWrapperWithoutSpark() {
        JobRunCommand command = JobRunCommand.pythonShell(launch("pythonshell", arguments()), CONFIG, PLACEMENT, DIRECTORIES);
        assertThat(command.command()).containsExactly("/usr/bin/setsid", "--wait", "/venv/bin/python", "/dist/python/epoxy_jobrun/__main__.py",
                "/srv/epoxy/job-runs/jr_1/script/job.py",
                "--JOB_NAME", "nightly", "--JOB_RUN_ID", "jr_1", "--job-bookmark-option", "job-bookmark-enable",
                "--conf", "spark.sql.shuffle.partitions=4 --conf spark.epoxy.job.name=evil",
                "--extra-jars", "/u/x.jar", "--user-jars-first", "true", "--output_path", "s3://out/result/");
        assertThat(command.environment()).isEqualTo(Map.of(
                "AWS_ENDPOINT_URL_GLUE", "http://127.0.0.1:9911",
                "PYTHONUNBUFFERED", "1",
                "PYTHONPATH", "/srv/epoxy/python-modules/abc:/dist/python",
                "EPOXY_JOBRUN_ERROR_FILE", "/srv/epoxy/job-runs/jr_1/error.json"));
        assertThat(command.secretConf()).isEmpty();
        assertThat(command.secretFile()).isEmpty();
    }

    @Test
    void pythonShellFilesComeAfterTheModulesAndBeforeTheDistsPython() {
        JobRunCommand.Placement placement = new JobRunCommand.Placement(Optional.empty(), Path.of("/dist/python"), Path.of("/srv/job.py"),
                Optional.of(Path.of("/srv/modules")), List.of(RUN_DIR.resolve("py-files"), RUN_DIR.resolve("py-files/lib.zip")), "/jdk");
        JobRunCommand command = JobRunCommand.pythonShell(launch("pythonshell", Map.of()), CONFIG, placement, DIRECTORIES);
        assertThat(command.environment()).containsEntry("PYTHONPATH",
                "/srv/modules:/srv/epoxy/job-runs/jr_1/py-files:/srv/epoxy/job-runs/jr_1/py-files/lib.zip:/dist/python");
    }

    @Test
    void withoutSetsidThePythonRunsDirectly() {
        JobRunCommand.Placement placement = new JobRunCommand.Placement(Optional.empty(), Path.of("/dist/python"), Path.of("/srv/job.py"), Optional.empty(), List.of(), "/jdk");
        JobRunCommand command = JobRunCommand.pythonShell(launch("pythonshell", Map.of()), CONFIG, placement, DIRECTORIES);
        assertThat(command.command()).containsExactly("/venv/bin/python", "/dist/python/epoxy_jobrun/__main__.py", "/srv/job.py");
        assertThat(command.environment()).containsEntry("PYTHONPATH", "/dist/python");
    }

    private static Map<String, String> arguments() {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--JOB_NAME", "nightly");
        arguments.put("--JOB_RUN_ID", "jr_1");
        arguments.put("--job-bookmark-option", "job-bookmark-enable");
        arguments.put("--conf", "spark.sql.shuffle.partitions=4 --conf spark.epoxy.job.name=evil");
        arguments.put("--extra-jars", "/u/x.jar");
        arguments.put("--user-jars-first", "true");
        arguments.put("--output_path", "s3://out/result/");
        return arguments;
    }

    /** A run with a bookmark state to start from. */
    @Test
    void theJobsConnectionsAreNamedInTheConfAndNothingElseOfThem() {
        JobRunLaunch base = launch("glueetl", Map.of());
        JobRunLaunch launch = new JobRunLaunch(base.jobName(), base.runId(), base.attempt(), base.commandName(), base.scriptLocation(), base.pythonVersion(),
                base.arguments(), base.capacity(), base.bookmarkOption(), base.bookmarkState(), base.bookmarkToState(), List.of("sales-db", "Orders"));
        Map<String, String> conf = JobRunCommand.sparkConfLayers(launch, CONFIG, SPARK, DIRECTORIES).merge().conf();
        assertThat(conf).containsEntry("spark.epoxy.connections", "sales-db,Orders");
        assertThat(JobRunCommand.sparkConfLayers(base, CONFIG, SPARK, DIRECTORIES).merge().conf()).doesNotContainKey("spark.epoxy.connections");
    }

    private static JobRunLaunch launch(String commandName, Map<String, String> arguments) {
        return launch(commandName, arguments, Optional.of("{\"s\": 1}"));
    }

    private static JobRunLaunch launch(String commandName, Map<String, String> arguments, Optional<String> bookmarkState) {
        return new JobRunLaunch("nightly", "jr_1", 0, commandName, "s3://scripts/job.py", Optional.empty(), arguments,
                Capacity.ofWorkers(WorkerType.G_1X, 2), BookmarkOption.ENABLE, bookmarkState, Optional.empty(), List.of());
    }

    private static List<String> confsOf(List<String> command) {
        List<String> confs = new ArrayList<>();
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).equals("--conf") && command.get(i + 1).startsWith("spark.") && !command.get(i + 1).contains(" --conf ")) {
                confs.add(command.get(i + 1));
            }
        }
        return confs;
    }
}
