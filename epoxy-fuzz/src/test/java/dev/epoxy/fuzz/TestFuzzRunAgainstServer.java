package dev.epoxy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.server.EpoxyServer;
import dev.epoxy.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer's bounded run in the suite: a few thousand generated requests against a real in-process
 * {@link EpoxyServer} (real Jetty, store and driver launcher). At most one session may be active, so valid
 * CreateSession requests mostly get ResourceNumberLimitExceededException, and the fuzzer deletes every
 * session it created. The seed is fixed so that a failure replays; {@code -Depoxy.fuzz.seed} and
 * {@code -Depoxy.fuzz.requests} change the run.
 */
class TestFuzzRunAgainstServer {
    private static final long SEED = Long.getLong("epoxy.fuzz.seed", 20_261_201L);
    private static final int REQUESTS = Integer.getInteger("epoxy.fuzz.requests", 3_000);

    @TempDir
    static Path home;

    private static EpoxyServer server;

    @BeforeAll
    static void startServer() {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--home", home.toString()));
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("epoxy.link.port", "0");
        config.put("epoxy.s3.port", "0");
        config.put("epoxy.session.max-active-sessions", "1");
        config.put("epoxy.job.max-concurrent-runs", "1");
        config.put("epoxy.session.local-driver-memory", "512m");
        config.put("epoxy.dist-dir", System.getProperty("epoxy.dist-dir", "../epoxy-dist/target/epoxy"));
        setting("EPOXY_SESSION_PYTHON").or(TestFuzzRunAgainstServer::venvPython).ifPresent(python -> config.put("epoxy.session.python", python));
        setting("EPOXY_SESSION_SPARK_HOME").ifPresent(sparkHome -> config.put("epoxy.session.spark-home", sparkHome));
        config.forEach((key, value) -> {
            args.add("--config");
            args.add(key + "=" + value);
        });
        server = EpoxyServer.start(ConfigLoader.standard().load(args, Map.of(), Map.of()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void boundedRunFindsNoServerErrorNonJsonAnswerOrLeak() {
        FuzzReport report = new Fuzzer(server.endpoint(), "us-east-1", Duration.ofSeconds(15)).run(SEED, REQUESTS);
        System.out.print(report.summary());

        assertThat(report.failures()).as(report.summary()).isEmpty();
        assertThat(report.requests()).isEqualTo(REQUESTS);
        // Every operation the server implements was fuzzed, and the probe found the session API.
        assertThat(report.operations().keySet()).containsAll(report.implemented());
        assertThat(report.implemented()).contains("CreateSession", "ListSessions", "RunStatement", "TagResource");
    }

    private static Optional<String> setting(String environmentVariable) {
        return Optional.ofNullable(System.getenv(environmentVariable)).filter(value -> !value.isBlank());
    }

    /** The repository's virtualenv, which ./epoxy creates. */
    private static Optional<String> venvPython() {
        Path python = Path.of("..", ".venv", "bin", "python").toAbsolutePath().normalize();
        return Files.isExecutable(python) ? Optional.of(python.toString()) : Optional.empty();
    }
}
