package dev.epoxy.e2e;

import dev.epoxy.server.EpoxyServer;
import dev.epoxy.server.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Epoxy server for end-to-end tests: the production assembly on free ports with a fresh home,
 * launching real drivers from the packaged dist. Nothing is replaced.
 */
public final class TestingEpoxyServer implements AutoCloseable {
    private final EpoxyServer server;
    private final Path home;

    private TestingEpoxyServer(EpoxyServer server, Path home) {
        this.server = server;
        this.home = home;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public Optional<URI> s3Endpoint() {
        return server.s3Endpoint();
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        server.close();
    }

    public static final class Builder {
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {
            config.put("epoxy.link.port", "0");
            config.put("epoxy.s3.port", "0");
            config.put("epoxy.session.reaper-interval", "1s");
            config.put("epoxy.session.local-driver-memory", "1g");
            config.put("epoxy.dist-dir", System.getProperty("epoxy.dist-dir", "../epoxy-dist/target/epoxy"));
            setting("EPOXY_SESSION_PYTHON").or(() -> venvPython()).ifPresent(python -> config.put("epoxy.session.python", python));
            setting("EPOXY_SESSION_SPARK_HOME").ifPresent(sparkHome -> config.put("epoxy.session.spark-home", sparkHome));
        }

        public Builder withConfig(String key, String value) {
            config.put(key, value);
            return this;
        }

        public TestingEpoxyServer build() {
            Path home;
            try {
                home = Files.createTempDirectory("epoxy-e2e-");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> args = new ArrayList<>(List.of("--port", "0", "--home", home.toString()));
            config.forEach((key, value) -> {
                args.add("--config");
                args.add(key + "=" + value);
            });
            EpoxyServer server = EpoxyServer.start(ConfigLoader.standard().load(args, Map.of(), Map.of()));
            return new TestingEpoxyServer(server, home);
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
}
