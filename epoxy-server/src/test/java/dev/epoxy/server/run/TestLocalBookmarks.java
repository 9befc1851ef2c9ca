package dev.epoxy.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLocalBookmarks {
    @TempDir
    Path home;

    @Test
    void aJobWithoutCommitHasNoState() throws IOException {
        assertThat(new LocalBookmarks(home).load("nightly")).isEmpty();
    }

    @Test
    void saveReplacesTheStateAndLeavesNoTemporaryFile() throws IOException {
        LocalBookmarks bookmarks = new LocalBookmarks(home);
        bookmarks.save("nightly", "{\"runs\": 1}");
        bookmarks.save("nightly", "{\"runs\": 2}");
        assertThat(bookmarks.load("nightly")).contains("{\"runs\": 2}");
        assertThat(home.resolve("bookmarks/nightly.json")).hasContent("{\"runs\": 2}");
        try (Stream<Path> files = Files.list(home.resolve("bookmarks"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("nightly.json");
        }
    }

    @Test
    void namesThatAreNoFileNamesAreMapped() throws IOException {
        LocalBookmarks bookmarks = new LocalBookmarks(home);
        bookmarks.save("../etc/passwd", "{}");
        bookmarks.save("..", "{\"dots\": 1}");
        assertThat(bookmarks.fileOf("../etc/passwd").getParent()).isEqualTo(home.resolve("bookmarks"));
        assertThat(bookmarks.fileOf("..").getParent()).isEqualTo(home.resolve("bookmarks"));
        assertThat(bookmarks.load("..")).contains("{\"dots\": 1}");
        assertThat(bookmarks.load("../etc/passwd")).contains("{}");
    }
}
