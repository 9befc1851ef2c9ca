package dev.epoxy.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.epoxy.core.driver.DriverHandle;
import dev.epoxy.core.statement.OutputStatus;
import dev.epoxy.core.statement.StatementOutput;
import dev.epoxy.core.statement.StatementState;
import dev.epoxy.server.driver.DriverLinkServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The launch path with a {@code spark://} master: a real standalone master and one small worker
 * (1 core, 1 GB) on loopback; the session's own {@code --conf} shrinks its executors to fit.
 */
class TestSparkDriverOnStandaloneCluster {
    private Path home;
    private Process master;
    private Process worker;
    private DriverLinkServer linkServer;
    private DriverHandle driver;
    private RecordingDriverListener listener;

    @AfterEach
    void tearDown() {
        try {
            if (driver != null) {
                driver.stop();
                listener.awaitStopped(Duration.ofSeconds(30));
            }
        }
        finally {
            destroy(worker);
            destroy(master);
            if (linkServer != null) {
                linkServer.close();
            }
            TestingDrivers.deleteRecursively(home);
        }
    }

    @Test
    void sessionRunsOnExecutorsOfAStandaloneCluster() throws IOException {
        home = TestingDrivers.newHome();
        Path sparkHome = TestingDrivers.sparkHome();
        int masterPort = freePort();
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        master = startSparkClass(sparkHome, "master", List.of("org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", "0"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> accepts(masterPort));
        Path workDir = Files.createDirectories(home.resolve("worker"));
        worker = startSparkClass(sparkHome, "worker", List.of("org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir", workDir.toString(), masterUrl));

        linkServer = TestingDrivers.linkServer();
        listener = new RecordingDriverListener();
        Map<String, String> arguments = Map.of("--conf",
                "spark.executor.memory=512m --conf spark.executor.cores=1 --conf spark.cores.max=1 --conf spark.driver.memory=512m");
        driver = new dev.epoxy.server.driver.SparkDriverLauncher(TestingDrivers.config(home).withMaster(masterUrl), linkServer)
                .launch(TestingDrivers.session("on-cluster", arguments), listener);
        listener.awaitReady(Duration.ofSeconds(120));

        driver.runStatement(1, "(sc.master, sc.parallelize(range(1000), 2).map(lambda v: v * 3).sum(), "
                + "len(sc._jsc.sc().statusTracker().getExecutorInfos()) > 1)");
        RecordingDriverListener.Completion completion = listener.awaitCompletion(1, Duration.ofSeconds(180));
        assertThat(completion.state()).isEqualTo(StatementState.AVAILABLE);
        StatementOutput output = completion.output().orElseThrow();
        assertThat(output.status()).as("output %s", output).isEqualTo(OutputStatus.OK);
        // sum(3 * v for v < 1000) = 3 * 999 * 1000 / 2; executor infos include the driver, so > 1 means a real executor.
        assertThat(output.textPlain()).contains("('" + masterUrl + "', " + (3 * 999 * 1000 / 2) + ", True)");
    }

    private Process startSparkClass(Path sparkHome, String name, List<String> arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(sparkHome.resolve("bin").resolve("spark-class").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void destroy(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
