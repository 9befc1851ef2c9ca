package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.session.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSessionDirectories {
    @TempDir
    Path home;

    @Test
    void nameIsTheReadableIdAndADigest() {
        // SHA-256("demo") = 2a97516c354b68848cdbd8f54a226a0a...
        assertThat(SessionDirectories.directoryName("demo")).isEqualTo("demo-2a97516c354b68848cdbd8f54a226a0a");
        assertThat(SessionDirectories.under(home).driverLogOf("demo"))
                .isEqualTo(home.resolve("sessions").resolve("demo-2a97516c354b68848cdbd8f54a226a0a").resolve("driver.log"));
    }

    @Test
    void idsThatSanitiseAlikeGetTheirOwnDirectories() {
        // Issue 6, finding 9: "+?" and "*^" shared one directory while both lived.
        assertThat(SessionDirectories.directoryName("+?")).isEqualTo("__-b4c8f39093eff44cd3fc06f9060119d9");
        assertThat(SessionDirectories.directoryName("*^")).isEqualTo("__-bc7967bba66e005001dd2563c06acee0");
    }

    @Test
    void longestIdInAnyScriptFitsInAFileName() throws IOException {
        // Issue 6, finding 9: a valid 255-character id of non-ASCII characters failed at launch.
        String id = "会".repeat(255);
        assertThat(id.getBytes(UTF_8)).hasSize(765);
        String name = SessionDirectories.directoryName(id);
        assertThat(name.getBytes(UTF_8).length).isLessThanOrEqualTo(97);
        assertThat(name).matches("_{64}-[0-9a-f]{32}");
        Path directory = SessionDirectories.under(home).directoryOf(id);
        Files.createDirectories(directory);
        assertThat(directory).isDirectory();
    }

    @Test
    void dotsStayInsideTheSessionsDirectory() {
        SessionDirectories directories = SessionDirectories.under(home);
        for (String id : new String[] {".", "..", "../../etc", "a/b"}) {
            Path directory = directories.directoryOf(id);
            assertThat(directory.getParent()).as(id).isEqualTo(home.resolve("sessions"));
            assertThat(directory.normalize()).as(id).isEqualTo(directory);
        }
    }

    @Test
    void deletedSessionLosesItsDirectoryAndTheIdCanStartAfresh() throws IOException {
        // Issue 6, finding 9: directories were never removed.
        Path directory = SessionDirectories.under(home).directoryOf("gone");
        Files.createDirectories(directory.resolve("spark-warehouse"));
        Files.writeString(directory.resolve("driver.log"), "the old driver's log");
        try (DriverLinkServer linkServer = DriverLinkServer.start("127.0.0.1", 0);
                SparkDriverLauncher launcher = new SparkDriverLauncher(DriverLaunchConfig.defaults().withHome(home), linkServer)) {
            launcher.sessionDeleted(new SessionId("gone"));
            assertThat(directory).doesNotExist();
            awaitEmpty(home.resolve("sessions").resolve(".deleted"));
        }
    }

    @Test
    void leftoversOfAnEarlierServerAreRemovedAtStart() throws IOException {
        Path leftover = home.resolve("sessions").resolve(".deleted").resolve("old-1234");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("driver.log"), "log");
        try (DriverLinkServer linkServer = DriverLinkServer.start("127.0.0.1", 0);
                SparkDriverLauncher launcher = new SparkDriverLauncher(DriverLaunchConfig.defaults().withHome(home), linkServer)) {
            assertThat(leftover).doesNotExist();
        }
    }

    private static void awaitEmpty(Path directory) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("%s emptied in time", directory).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
