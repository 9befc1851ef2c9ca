package dev.epoxy.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.crawler.CrawlerConfig;
import dev.epoxy.core.job.JobConfig;
import dev.epoxy.core.session.SessionConfig;
import dev.epoxy.core.session.StatementWaitConfig;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.server.driver.DriverLaunchConfig;
import dev.epoxy.server.s3.S3EndpointConfig;
import dev.epoxy.server.storage.S3Mode;
import dev.epoxy.server.storage.StorageConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEpoxyConfig {
    /** A non-default value for every key; a new key must be added here to be tested. */
    private static final Map<String, String> NON_DEFAULTS = Map.ofEntries(
            Map.entry("epoxy.server.port", "9000"),
            Map.entry("epoxy.server.bind-address", "0.0.0.0"),
            Map.entry("epoxy.server.allowed-hosts", "epoxy.local, other.local"),
            Map.entry("epoxy.server.advertised-endpoint", "http://epoxy.internal:9000"),
            Map.entry("epoxy.region", "eu-west-1"),
            Map.entry("epoxy.account-id", "000011112222"),
            Map.entry("epoxy.server.idle-timeout", "45s"),
            Map.entry("epoxy.server.request-body-timeout", "3s"),
            Map.entry("epoxy.server.min-request-data-rate", "512"),
            Map.entry("epoxy.server.max-concurrent-requests", "8"),
            Map.entry("epoxy.server.max-queued-requests", "0"),
            Map.entry("epoxy.server.max-queue-wait", "750ms"),
            Map.entry("epoxy.server.max-buffered-body-bytes", "1048576"),
            Map.entry("epoxy.store.jdbc-url", "jdbc:postgresql://db/epoxy"),
            Map.entry("epoxy.store.user", "epoxy"),
            Map.entry("epoxy.store.password", "s3cret"),
            Map.entry("epoxy.session.max-active-sessions", "3"),
            Map.entry("epoxy.session.max-waiting-statements", "7"),
            Map.entry("epoxy.session.reaper-interval", "250ms"),
            Map.entry("epoxy.session.startup-timeout", "PT2M"),
            Map.entry("epoxy.session.statement-wait", "750ms"),
            Map.entry("epoxy.session.statement-wait-origins", "GlueStudioNotebook, SageMakerStudioPySparkNotebook"),
            Map.entry("epoxy.session.max-statement-waits", "3"),
            Map.entry("epoxy.crawler.max-concurrent-crawls", "5"),
            Map.entry("epoxy.job.max-concurrent-runs", "6"),
            Map.entry("epoxy.job.delete-stop-wait", "90s"),
            Map.entry("epoxy.dist-dir", "/opt/epoxy"),
            Map.entry("epoxy.session.spark-home", "/opt/spark"),
            Map.entry("epoxy.session.python", "/opt/venv/bin/python"),
            Map.entry("epoxy.session.master", "spark://cluster:7077"),
            Map.entry("epoxy.session.local-driver-memory", "4g"),
            Map.entry("epoxy.session.max-output-bytes", "2048"),
            Map.entry("epoxy.session.cancel-grace-period", "1500ms"),
            Map.entry("epoxy.session.max-log-bytes-per-statement", "4096"),
            Map.entry("epoxy.session.max-log-bytes", "65536"),
            Map.entry("epoxy.session.stop-grace-period", "3s"),
            Map.entry("epoxy.session.spark-conf", "spark.sql.shuffle.partitions=8, spark.ui.enabled=false"),
            Map.entry("epoxy.link.bind-address", "0.0.0.0"),
            Map.entry("epoxy.link.port", "7000"),
            Map.entry("epoxy.link.driver-give-up-after", "1m"),
            Map.entry("epoxy.link.driver-reattach-window", "5s"),
            Map.entry("epoxy.s3.enabled", "false"),
            Map.entry("epoxy.s3.port", "7001"),
            Map.entry("epoxy.s3.bind-address", "0.0.0.0"),
            Map.entry("epoxy.storage.s3-mode", "s3a"),
            Map.entry("epoxy.storage.s3a.endpoint", "http://minio:9000"),
            Map.entry("epoxy.storage.s3a.region", "eu-west-1"),
            Map.entry("epoxy.storage.s3a.access-key", "AKID"),
            Map.entry("epoxy.storage.s3a.secret-key", "s3cret-key"),
            Map.entry("epoxy.storage.s3a.path-style-access", "true"));

    @TempDir
    Path userHome;

    @Test
    void defaultsArePinned() {
        EpoxyConfig config = load(List.of(), Map.of(), Map.of());
        Path home = userHome.resolve(".epoxy");

        assertThat(config.home()).isEqualTo(home);
        assertThat(ServerConfig.from(config)).isEqualTo(new ServerConfig(9911, "127.0.0.1", List.of(), "us-east-1", "123456789012",
                new RequestLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 1024, 32, 64, Duration.ofSeconds(5), 134_217_728)));
        assertThat(ServerConfig.from(config)).isEqualTo(ServerConfig.defaults());
        assertThat(StoreConfigKeys.storeSettings(config)).isEqualTo(new StoreSettings("jdbc:h2:file:" + home + "/db/epoxy", Optional.empty(), Optional.empty()));
        assertThat(SessionConfigKeys.sessionConfig(config)).isEqualTo(new SessionConfig(16, 1000, Duration.ofSeconds(30), Duration.ofMinutes(5),
                new StatementWaitConfig(Duration.ofSeconds(5), List.of("GluePySparkKernel", "GlueSparkKernel"), 16)));
        assertThat(SessionConfigKeys.sessionConfig(config)).isEqualTo(SessionConfig.defaults());
        assertThat(CrawlerConfigKeys.crawlerConfig(config)).isEqualTo(new CrawlerConfig(2)).isEqualTo(CrawlerConfig.defaults());
        assertThat(JobConfigKeys.jobConfig(config)).isEqualTo(new JobConfig(4, Duration.ofSeconds(60), Duration.ofMinutes(1))).isEqualTo(JobConfig.defaults());
        assertThat(config.source(ServerConfig.PORT)).contains("default");
    }

    @Test
    void everyKeyHasANonDefaultTestValue() {
        assertThat(NON_DEFAULTS.keySet()).containsExactlyInAnyOrderElementsOf(
                EpoxyKeys.all().stream().map(ConfigKey::name).filter(name -> !name.equals("epoxy.home")).toList());
    }

    @Test
    void everyKeyMapsIntoTypedConfig() {
        List<String> args = new ArrayList<>();
        NON_DEFAULTS.forEach((key, value) -> {
            args.add("--config");
            args.add(key + "=" + value);
        });
        args.add("--home");
        args.add(userHome.resolve("elsewhere").toString());
        EpoxyConfig config = load(args, Map.of(), Map.of());

        assertThat(config.home()).isEqualTo(userHome.resolve("elsewhere"));
        assertThat(ServerConfig.from(config)).isEqualTo(new ServerConfig(9000, "0.0.0.0", List.of("epoxy.local", "other.local"), "eu-west-1", "000011112222",
                new RequestLimits(Duration.ofSeconds(45), Duration.ofSeconds(3), 512, 8, 0, Duration.ofMillis(750), 1_048_576)));
        assertThat(ServerConfig.advertisedEndpoint(config)).contains(URI.create("http://epoxy.internal:9000"));
        assertThat(StoreConfigKeys.storeSettings(config)).isEqualTo(new StoreSettings("jdbc:postgresql://db/epoxy", Optional.of("epoxy"), Optional.of("s3cret"),
                new GlueArns("eu-west-1", "000011112222")));
        assertThat(SessionConfigKeys.sessionConfig(config)).isEqualTo(new SessionConfig(3, 7, Duration.ofMillis(250), Duration.ofMinutes(2),
                new StatementWaitConfig(Duration.ofMillis(750), List.of("GlueStudioNotebook", "SageMakerStudioPySparkNotebook"), 3)));
        assertThat(CrawlerConfigKeys.crawlerConfig(config)).isEqualTo(new CrawlerConfig(5));
        assertThat(JobConfigKeys.jobConfig(config)).isEqualTo(new JobConfig(6, Duration.ofSeconds(90), Duration.ofMinutes(1)));
        assertThat(DriverConfigKeys.driverLaunchConfig(config)).isEqualTo(DriverLaunchConfig.defaults()
                .withHome(userHome.resolve("elsewhere"))
                .withDistDir(Path.of("/opt/epoxy"))
                .withSparkHome(Path.of("/opt/spark"))
                .withPython("/opt/venv/bin/python")
                .withMaster("spark://cluster:7077")
                .withLocalDriverMemory("4g")
                .withMaxOutputBytes(2048)
                .withCancelGracePeriod(Duration.ofMillis(1500))
                .withMaxLogBytesPerStatement(4096)
                .withMaxLogBytes(65536)
                .withStopGracePeriod(Duration.ofSeconds(3))
                .withSparkConf(Map.of("spark.sql.shuffle.partitions", "8", "spark.ui.enabled", "false"))
                .withLinkBindAddress("0.0.0.0")
                .withLinkPort(7000)
                .withLinkGiveUpAfter(Duration.ofMinutes(1))
                .withLinkReattachWindow(Duration.ofSeconds(5))
                // Bound to 0.0.0.0: the Glue endpoint serves other hosts, and so does the Spark UI.
                .withUiHostGuard(false)
                .withUiAllowedHosts(List.of("epoxy.local", "other.local")));
        assertThat(StorageConfigKeys.s3EndpointConfig(config)).isEqualTo(new S3EndpointConfig(false, 7001, "0.0.0.0"));
        assertThat(StorageConfigKeys.storageConfig(config)).isEqualTo(StorageConfig.defaults()
                .withS3Mode(S3Mode.S3A)
                .withS3aEndpoint(URI.create("http://minio:9000"))
                .withS3aRegion("eu-west-1")
                .withS3aCredentials("AKID", "s3cret-key")
                .withS3aPathStyleAccess(true));
    }

    @Test
    void driverAndStorageDefaultsArePinned() {
        EpoxyConfig config = load(List.of(), Map.of(), Map.of());
        assertThat(DriverConfigKeys.driverLaunchConfig(config)).isEqualTo(DriverLaunchConfig.defaults().withHome(userHome.resolve(".epoxy")));
        assertThat(StorageConfigKeys.s3EndpointConfig(config)).isEqualTo(S3EndpointConfig.defaults());
        assertThat(StorageConfigKeys.storageConfig(config)).isEqualTo(StorageConfig.defaults());
    }

    @Test
    void negativeQueueLengthIsRefusedNamingTheKey() {
        EpoxyConfig config = load(List.of("--config", "epoxy.server.max-queued-requests=-1"), Map.of(), Map.of());
        assertThatThrownBy(() -> ServerConfig.from(config))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid epoxy.server.max-queued-requests: -1 (must be 0 or more)");
    }

    @Test
    void heldStatementAnswersGetAtMostHalfTheProcessingSlots() {
        EpoxyConfig config = load(List.of("--config", "epoxy.server.max-concurrent-requests=6", "--config", "epoxy.session.max-statement-waits=10"), Map.of(), Map.of());
        assertThat(SessionConfigKeys.sessionConfig(config).statementWait().maxHeld()).isEqualTo(3);

        EpoxyConfig oneSlot = load(List.of("--config", "epoxy.server.max-concurrent-requests=1"), Map.of(), Map.of());
        assertThat(SessionConfigKeys.sessionConfig(oneSlot).statementWait().holds(Optional.of("GluePySparkKernel"))).isFalse();
    }

    @Test
    void statementWaitHoldsTheKernelsSessionsOnlyUnlessConfigured() {
        StatementWaitConfig defaults = SessionConfigKeys.sessionConfig(load(List.of(), Map.of(), Map.of())).statementWait();
        assertThat(defaults.holds(Optional.of("GluePySparkKernel"))).isTrue();
        assertThat(defaults.holds(Optional.of("GlueSparkKernel"))).isTrue();
        assertThat(defaults.holds(Optional.of("GlueStudioNotebook"))).isFalse();
        assertThat(defaults.holds(Optional.empty())).isFalse();

        StatementWaitConfig all = SessionConfigKeys.sessionConfig(load(List.of("--config", "epoxy.session.statement-wait-origins=*"), Map.of(), Map.of())).statementWait();
        assertThat(all.holds(Optional.empty())).isTrue();

        StatementWaitConfig none = SessionConfigKeys.sessionConfig(load(List.of("--config", "epoxy.session.statement-wait-origins="), Map.of(), Map.of())).statementWait();
        assertThat(none.holds(Optional.of("GluePySparkKernel"))).isFalse();
    }

    @Test
    void sparkConfItemsMustBeKeyValuePairs() {
        EpoxyConfig config = load(List.of("--config", "epoxy.session.spark-conf=spark.ui.enabled"), Map.of(), Map.of());
        assertThatThrownBy(() -> DriverConfigKeys.driverLaunchConfig(config))
                .hasMessage("Invalid epoxy.session.spark-conf item: 'spark.ui.enabled' (expected key=value)");
    }

    @Test
    void advertisedEndpointIsAbsentByDefaultAndMustBeAnHttpUrl() {
        assertThat(ServerConfig.advertisedEndpoint(load(List.of(), Map.of(), Map.of()))).isEmpty();
        for (String invalid : List.of("epoxy.internal:9000", "ftp://epoxy.internal", "http://", "http://bad host")) {
            EpoxyConfig config = load(List.of("--config", "epoxy.server.advertised-endpoint=" + invalid), Map.of(), Map.of());
            assertThatThrownBy(() -> ServerConfig.advertisedEndpoint(config))
                    .hasMessage("Invalid epoxy.server.advertised-endpoint: " + invalid + " (expected http://host:port or https://host:port)");
        }
    }

    @Test
    void everyKeyIsReadFromEachSource() throws IOException {
        for (ConfigKey key : EpoxyKeys.all()) {
            if (key.name().equals("epoxy.home")) {
                continue;
            }
            String value = NON_DEFAULTS.get(key.name());
            assertThat(load(List.of(), Map.of(key.environmentVariable(), value), Map.of()).find(key)).as("env %s", key.name()).contains(value);
            assertThat(load(List.of(), Map.of(), Map.of(key.name(), value)).find(key)).as("system property %s", key.name()).contains(value);
            assertThat(load(List.of("--config=" + key.name() + "=" + value), Map.of(), Map.of()).find(key)).as("--config %s", key.name()).contains(value);
            writeProperties(key.name() + "=" + value);
            assertThat(load(List.of(), Map.of(), Map.of()).find(key)).as("file %s", key.name()).contains(value);
        }
    }

    @Test
    void environmentVariablesAreUpperSnakeCase() {
        assertThat(ServerConfig.PORT.environmentVariable()).isEqualTo("EPOXY_SERVER_PORT");
        assertThat(SessionConfigKeys.MAX_ACTIVE_SESSIONS.environmentVariable()).isEqualTo("EPOXY_SESSION_MAX_ACTIVE_SESSIONS");
        assertThat(EpoxyKeys.HOME.environmentVariable()).isEqualTo("EPOXY_HOME");
    }

    @Test
    void laterSourcesOverrideEarlierOnes() throws IOException {
        writeProperties("epoxy.server.port=1001\nepoxy.region=file-region");
        assertThat(port(load(List.of(), Map.of(), Map.of()))).isEqualTo(1001);
        assertThat(port(load(List.of(), Map.of("EPOXY_SERVER_PORT", "1002"), Map.of()))).isEqualTo(1002);
        assertThat(port(load(List.of(), Map.of("EPOXY_SERVER_PORT", "1002"), Map.of("epoxy.server.port", "1003")))).isEqualTo(1003);
        EpoxyConfig config = load(List.of("--port", "1004"), Map.of("EPOXY_SERVER_PORT", "1002"), Map.of("epoxy.server.port", "1003"));
        assertThat(port(config)).isEqualTo(1004);
        assertThat(config.source(ServerConfig.PORT)).contains("command line --port");
        assertThat(config.get(ServerConfig.REGION)).isEqualTo("file-region");
    }

    @Test
    void homeFromCommandLineLocatesPropertiesFile() throws IOException {
        Path home = Files.createDirectories(userHome.resolve("custom-home"));
        Files.writeString(home.resolve("epoxy.properties"), "epoxy.account-id=999999999999\n");
        EpoxyConfig config = load(List.of("--home", home.toString()), Map.of(), Map.of());
        assertThat(config.get(ServerConfig.ACCOUNT_ID)).isEqualTo("999999999999");
        assertThat(StoreConfigKeys.storeSettings(config).jdbcUrl()).isEqualTo("jdbc:h2:file:" + home + "/db/epoxy");
    }

    @Test
    void homeCannotBeSetInItsOwnPropertiesFile() throws IOException {
        writeProperties("epoxy.home=/somewhere/else");
        assertThatThrownBy(() -> load(List.of(), Map.of(), Map.of()))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("epoxy.home cannot be set in %s: that file is read from epoxy.home; use --home or EPOXY_HOME", userHome.resolve(".epoxy/epoxy.properties"));
    }

    @Test
    void unknownKeyInPropertiesFileStopsStartup() throws IOException {
        writeProperties("epoxy.server.prot=9000");
        assertThatThrownBy(() -> load(List.of(), Map.of(), Map.of()))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Unknown configuration key epoxy.server.prot (from %s); see docs/configuration.md for the known keys", userHome.resolve(".epoxy/epoxy.properties"));
    }

    @Test
    void unknownSystemPropertyStopsStartup() {
        assertThatThrownBy(() -> load(List.of(), Map.of(), Map.of("epoxy.sesion.max-active-sessions", "3")))
                .hasMessage("Unknown configuration key epoxy.sesion.max-active-sessions (from system property epoxy.sesion.max-active-sessions); see docs/configuration.md for the known keys");
    }

    @Test
    void unknownEnvironmentVariableWarnsNamingTheNearestKeyAndStartupGoesOn() {
        // The environment is shared with the user's other tools: a typo or a client's EPOXY_ENDPOINT must not stop the server.
        EpoxyConfig config = load(List.of(), Map.of("EPOXY_SERVER_PROT", "1", "EPOXY_ENDPOINT", "http://127.0.0.1:9911"), Map.of());

        assertThat(port(config)).isEqualTo(9911);
        assertThat(config.warnings()).containsExactly(
                "Ignoring environment variable EPOXY_ENDPOINT: no epoxy.* key maps to it; the nearest is "
                        + nearestKey("EPOXY_ENDPOINT") + ", see docs/configuration.md",
                "Ignoring environment variable EPOXY_SERVER_PROT: no epoxy.* key maps to it; the nearest is epoxy.server.port (EPOXY_SERVER_PORT), see docs/configuration.md");
    }

    @Test
    void benchmarkRunnersDistVariableDoesNotStopTheServer() {
        // Finding 12 of issue 6: `./epoxy bench` exports EPOXY_DIST for its own use.
        EpoxyConfig config = load(List.of(), Map.of("EPOXY_DIST", "epoxy-dist/target/epoxy"), Map.of());

        assertThat(config.warnings()).singleElement().asString().startsWith("Ignoring environment variable EPOXY_DIST: ");
    }

    @Test
    void unknownKeyOnTheCommandLineStillStopsStartup() {
        assertThatThrownBy(() -> load(List.of("--config", "epoxy.server.prot=1"), Map.of(), Map.of()))
                .hasMessage("Unknown configuration key epoxy.server.prot (from command line --config epoxy.server.prot); see docs/configuration.md for the known keys");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(ConfigLoader.editDistance("", "")).isZero();
        assertThat(ConfigLoader.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(ConfigLoader.editDistance("PROT", "PORT")).isEqualTo(2);
        assertThat(ConfigLoader.editDistance("abc", "")).isEqualTo(3);
    }

    /** The known key whose variable is closest to {@code variable}, by a brute-force search written independently here. */
    private static String nearestKey(String variable) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey key : EpoxyKeys.all().stream().sorted(java.util.Comparator.comparing(k -> ConfigKey.environmentVariableOf(k.name()))).toList()) {
            String candidate = ConfigKey.environmentVariableOf(key.name());
            int distance = ConfigLoader.editDistance(variable, candidate);
            if (distance < bestDistance) {
                best = key.name() + " (" + candidate + ")";
                bestDistance = distance;
            }
        }
        return best;
    }

    @Test
    void unrelatedEnvironmentAndSystemPropertiesAreIgnored() {
        EpoxyConfig config = load(List.of(), Map.of("PATH", "/bin", "EPOXYFOO", "x"), Map.of("java.version", "17"));
        assertThat(port(config)).isEqualTo(9911);
    }

    @Test
    void unknownConfigFlagKeyStopsStartup() {
        assertThatThrownBy(() -> load(List.of("--config", "epoxy.nope=1"), Map.of(), Map.of()))
                .hasMessage("Unknown configuration key epoxy.nope (from command line --config epoxy.nope); see docs/configuration.md for the known keys");
    }

    @Test
    void unknownOptionStopsStartup() {
        assertThatThrownBy(() -> load(List.of("--prot", "1"), Map.of(), Map.of()))
                .hasMessage("Unknown command-line option: --prot (expected --port N, --home DIR or --config key=value)");
        assertThatThrownBy(() -> load(List.of("--port"), Map.of(), Map.of()))
                .hasMessage("Command-line option --port needs a value");
    }

    @Test
    void malformedValueNamesKeyAndSource() {
        assertThatThrownBy(() -> load(List.of(), Map.of("EPOXY_SERVER_PORT", "nine"), Map.of()))
                .hasMessage("Invalid value 'nine' for epoxy.server.port (from environment variable EPOXY_SERVER_PORT): expected an integer");
        assertThatThrownBy(() -> load(List.of("--port", "70000"), Map.of(), Map.of()))
                .hasMessage("Invalid value '70000' for epoxy.server.port (from command line --port): expected a port number from 0 to 65535");
        assertThatThrownBy(() -> load(List.of(), Map.of(), Map.of("epoxy.session.reaper-interval", "soon")))
                .hasMessage("Invalid value 'soon' for epoxy.session.reaper-interval (from system property epoxy.session.reaper-interval): "
                        + "expected a duration such as 500ms, 30s, 5m, 2h, 1d or PT30S");
    }

    @Test
    void limitsAndDurationsMustBePositive() {
        assertThatThrownBy(() -> load(List.of(), Map.of("EPOXY_SESSION_MAX_ACTIVE_SESSIONS", "0"), Map.of()))
                .hasMessage("Invalid value '0' for epoxy.session.max-active-sessions (from environment variable EPOXY_SESSION_MAX_ACTIVE_SESSIONS): expected a positive integer");
        assertThatThrownBy(() -> load(List.of("--config", "epoxy.session.reaper-interval=0s"), Map.of(), Map.of()))
                .hasMessage("Invalid value '0s' for epoxy.session.reaper-interval (from command line --config epoxy.session.reaper-interval): expected a positive duration");
    }

    @Test
    void secretsAreRedacted() {
        EpoxyConfig config = load(List.of(), Map.of("EPOXY_STORE_PASSWORD", "hunter2"), Map.of());
        assertThat(config.describe()).contains("epoxy.store.password=**** (environment variable EPOXY_STORE_PASSWORD)");
        assertThat(String.join("\n", config.describe())).doesNotContain("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(StoreConfigKeys.storeSettings(config).toString()).doesNotContain("hunter2");
    }

    @Test
    void renamedKeyStillWorksAndRemovedKeyFails() {
        List<ConfigKey> keys = EpoxyKeys.all();
        List<LegacyKey> legacy = List.of(
                LegacyKey.renamed("epoxy.http.port", "epoxy.server.port"),
                LegacyKey.removed("epoxy.session.idle-check", "use epoxy.session.reaper-interval"));
        ConfigLoader loader = new ConfigLoader(keys, legacy);
        Map<String, String> properties = Map.of("user.home", userHome.toString());

        assertThat(ServerConfig.from(loader.load(List.of(), Map.of("EPOXY_HTTP_PORT", "1234"), properties)).port()).isEqualTo(1234);
        assertThatThrownBy(() -> loader.load(List.of("--config", "epoxy.session.idle-check=1s"), Map.of(), properties))
                .hasMessage("Configuration key epoxy.session.idle-check (from command line --config epoxy.session.idle-check) was removed: use epoxy.session.reaper-interval");
    }

    @Test
    void everyKeyIsDocumented() throws IOException {
        Path docs = Path.of("..", "docs", "configuration.md");
        Map<String, String> rows = Files.readAllLines(docs).stream()
                .filter(line -> line.startsWith("| `epoxy."))
                .collect(Collectors.toMap(line -> line.split("`")[1], line -> line));
        for (ConfigKey key : EpoxyKeys.all()) {
            assertThat(rows).as("row for %s in %s", key.name(), docs).containsKey(key.name());
            assertThat(rows.get(key.name())).startsWith("| `" + key.name() + "` | `" + key.environmentVariable() + "` |");
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(EpoxyKeys.all().stream().map(ConfigKey::name).toList());
    }

    private EpoxyConfig load(List<String> args, Map<String, String> environment, Map<String, String> systemProperties) {
        Map<String, String> properties = new HashMap<>(systemProperties);
        properties.put("user.home", userHome.toString());
        return ConfigLoader.standard().load(args, environment, properties);
    }

    private void writeProperties(String content) throws IOException {
        Path home = Files.createDirectories(userHome.resolve(".epoxy"));
        Files.writeString(home.resolve("epoxy.properties"), content);
    }

    private static int port(EpoxyConfig config) {
        return ServerConfig.from(config).port();
    }
}
