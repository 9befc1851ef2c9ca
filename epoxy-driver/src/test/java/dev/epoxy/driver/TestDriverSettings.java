package dev.epoxy.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TestDriverSettings {
    private static final Map<String, String> TOKEN = Map.of("EPOXY_DRIVER_TOKEN", "secret");

    @Test
    void readsSparkConfAndDefaults() {
        Map<String, String> conf = Map.of(
                "spark.epoxy.session-id", "s1",
                "spark.epoxy.link-address", "127.0.0.1:9913",
                "spark.epoxy.python", "/venv/bin/python");
        DriverSettings settings = DriverSettings.load(conf::get, TOKEN);
        assertThat(settings).isEqualTo(new DriverSettings("s1", "secret", "127.0.0.1", 9913, "/venv/bin/python", "", 1024 * 1024,
                Duration.ofMinutes(10), Duration.ofSeconds(120), "WARN", InterpreterLanguage.PYTHON, Duration.ofSeconds(10), 1024 * 1024, 100L * 1024 * 1024,
                OptionalLong.empty(), false, Duration.ofSeconds(15)));
    }

    @Test
    void readsStatementControlSettings() {
        Map<String, String> conf = Map.of(
                "spark.epoxy.session-id", "s1",
                "spark.epoxy.link-address", "127.0.0.1:9913",
                "spark.epoxy.cancel-grace-period-millis", "1500",
                "spark.epoxy.max-log-bytes-per-statement", "4096",
                "spark.epoxy.max-log-bytes", "5000000000");
        DriverSettings settings = DriverSettings.load(conf::get, TOKEN);
        assertThat(settings.cancelGracePeriod()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.maxLogBytesPerStatement()).isEqualTo(4096);
        assertThat(settings.maxLogBytes()).isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> DriverSettings.load(Map.of("spark.epoxy.session-id", "s1", "spark.epoxy.link-address", "h:1",
                "spark.epoxy.cancel-grace-period-millis", "soon")::get, TOKEN))
                .hasMessage("Invalid spark.epoxy.cancel-grace-period-millis (expected a number): soon");
    }

    @Test
    void readsTheServerToWatch() {
        Map<String, String> conf = Map.of(
                "spark.epoxy.session-id", "s1",
                "spark.epoxy.link-address", "127.0.0.1:9913",
                "spark.epoxy.server-pid", "4242",
                "spark.epoxy.link-port-ephemeral", "true",
                "spark.epoxy.link-reattach-window", "7");
        DriverSettings settings = DriverSettings.load(conf::get, TOKEN);
        assertThat(settings.serverPid()).hasValue(4242);
        assertThat(settings.linkPortEphemeral()).isTrue();
        assertThat(settings.linkReattachWindow()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void missingTokenIsNamed() {
        assertThatThrownBy(() -> DriverSettings.load(Map.of("spark.epoxy.session-id", "s1")::get, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The environment variable EPOXY_DRIVER_TOKEN is not set");
    }

    @Test
    void missingAndMalformedSettingsAreNamed() {
        assertThatThrownBy(() -> DriverSettings.load(Map.of("spark.epoxy.session-id", "s1")::get, TOKEN))
                .hasMessage("The Spark conf spark.epoxy.link-address is not set");
        assertThatThrownBy(() -> DriverSettings.load(Map.of("spark.epoxy.session-id", "s1", "spark.epoxy.link-address", "nohost")::get, TOKEN))
                .hasMessage("Invalid spark.epoxy.link-address (expected host:port): nohost");
        assertThatThrownBy(() -> DriverSettings.load(Map.of("spark.epoxy.session-id", "s1", "spark.epoxy.link-address", "h:1",
                "spark.epoxy.max-output-bytes", "lots")::get, TOKEN))
                .hasMessage("Invalid spark.epoxy.max-output-bytes (expected a number): lots");
    }
}
