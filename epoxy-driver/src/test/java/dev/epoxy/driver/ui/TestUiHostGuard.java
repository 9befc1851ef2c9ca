package dev.epoxy.driver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TestUiHostGuard {
    @Test
    void loopbackNamesAreAllowedOnAnyPort() {
        for (String host : new String[] {"localhost", "LOCALHOST:4040", "127.0.0.1:4041", "127.1.2.3", "[::1]:4040", "[::1]"}) {
            assertThat(UiHostGuard.isAllowed(host, Set.of())).as(host).isTrue();
        }
    }

    @Test
    void otherNamesAreRefusedUnlessAllowed() {
        // Issue 6, finding 10: a DNS-rebound name reached the Spark UI.
        for (String host : new String[] {"evil.example:4040", "evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.5:4040", "[::2]:4040"}) {
            assertThat(UiHostGuard.isAllowed(host, Set.of())).as(host).isFalse();
        }
        assertThat(UiHostGuard.isAllowed("epoxy.local:4040", Set.of("epoxy.local"))).isTrue();
    }
}
