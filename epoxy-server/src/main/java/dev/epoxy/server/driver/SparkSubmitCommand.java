package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line that starts one Spark application (session driver, crawl, job run): {@code spark-submit} in client deploy mode with the
 * arguments {@code SparkLauncher} would give it, run under {@code setsid} when there is one so that the
 * driver leads a new session and process group, and everything its statements start can be found and
 * killed with it ({@link dev.epoxy.driver.protocol.ProcessGroup}). {@code setsid} replaces itself with
 * spark-submit, which replaces itself with the driver JVM: the process started is the driver.
 *
 * @param setsid util-linux's {@code setsid}; empty runs spark-submit directly (the driver then shares
 *     the server's process group, and only its descendants are killed with it)
 * @param conf Spark settings, each passed as {@code --conf key=value}
 * @param propertiesFile a Spark properties file (settings kept off the command line)
 * @param mainClass the JVM application's main class; empty for a Python application (a {@code .py}
 *     {@code appResource})
 * @param appArguments the arguments after the application resource
 */
record SparkSubmitCommand(
        Optional<Path> setsid,
        Path sparkHome,
        String master,
        String appName,
        Optional<String> mainClass,
        Path appResource,
        Map<String, String> conf,
        Optional<Path> propertiesFile,
        List<String> appArguments) {

    SparkSubmitCommand {
        requireNonNull(setsid, "setsid is null");
        requireNonNull(sparkHome, "sparkHome is null");
        requireNonNull(master, "master is null");
        requireNonNull(appName, "appName is null");
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(appResource, "appResource is null");
        appArguments = List.copyOf(requireNonNull(appArguments, "appArguments is null"));
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(conf, "conf is null")));
        requireNonNull(propertiesFile, "propertiesFile is null");
        conf.keySet().forEach(key -> {
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException("'" + key + "' is not a Spark setting (they start with 'spark.')");
            }
        });
    }

    /** A JVM application without arguments (a session driver, a crawl). */
    SparkSubmitCommand(Optional<Path> setsid, Path sparkHome, String master, String appName, String mainClass, Path appResource,
            Map<String, String> conf, Optional<Path> propertiesFile) {
        this(setsid, sparkHome, master, appName, Optional.of(mainClass), appResource, conf, propertiesFile, List.of());
    }

    /** The program and its arguments. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        // --wait: should setsid ever have to fork (it does when it leads a group already), it still
        // stands for the driver, exit code included.
        setsid.ifPresent(program -> command.addAll(List.of(program.toString(), "--wait")));
        command.add(sparkHome.resolve("bin").resolve("spark-submit").toString());
        command.addAll(List.of("--master", master, "--deploy-mode", "client", "--name", appName));
        conf.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
        propertiesFile.ifPresent(file -> command.addAll(List.of("--properties-file", file.toString())));
        mainClass.ifPresent(name -> command.addAll(List.of("--class", name)));
        command.add(appResource.toString());
        command.addAll(appArguments);
        return List.copyOf(command);
    }

    /** util-linux's {@code setsid} on the {@code PATH}, if installed. */
    static Optional<Path> findSetsid() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory).resolve("setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
