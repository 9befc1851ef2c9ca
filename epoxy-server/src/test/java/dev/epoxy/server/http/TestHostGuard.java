package dev.epoxy.server.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.server.config.ServerConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestHostGuard {
    private static final HostGuard LOOPBACK = new HostGuard(ServerConfig.defaults().withAllowedHosts(List.of("Epoxy.Local")));

    @Test
    void loopbackHostsAreAllowedWithAnyPort() {
        for (String host : List.of("localhost", "localhost:9911", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:9911", "127.1.2.3:80", "[::1]", "[::1]:9911", "epoxy.local:9911")) {
            assertThatCode(() -> LOOPBACK.check(Optional.of(host))).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void otherHostsAreRefusedWhileOnLoopback() {
        for (String host : List.of("evil.example", "evil.example:9911", "localhost.evil.example", "127.0.0.1.evil.example", "10.0.0.1:9911", "[::2]:9911")) {
            assertThatThrownBy(() -> LOOPBACK.check(Optional.of(host)))
                    .as(host)
                    .isInstanceOf(WireException.class)
                    .hasMessage("Host '%s' is not allowed: the server listens on a loopback address and accepts only localhost, 127.0.0.1 and [::1]; "
                            + "add the host to epoxy.server.allowed-hosts (or bind elsewhere with epoxy.server.bind-address) to allow it", host);
        }
    }

    @Test
    void everyHostIsAllowedWhenBoundElsewhere() {
        HostGuard guard = new HostGuard(ServerConfig.defaults().withBindAddress("0.0.0.0"));
        assertThat(guard.enabled()).isFalse();
        assertThatCode(() -> guard.check(Optional.of("evil.example:9911"))).doesNotThrowAnyException();
    }

    @Test
    void loopbackBindAddressesEnableTheGuard() {
        assertThat(new HostGuard(ServerConfig.defaults().withBindAddress("localhost")).enabled()).isTrue();
        assertThat(new HostGuard(ServerConfig.defaults().withBindAddress("::1")).enabled()).isTrue();
        assertThat(new HostGuard(ServerConfig.defaults().withBindAddress("127.0.0.2")).enabled()).isTrue();
    }
}
