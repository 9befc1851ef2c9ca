package dev.epoxy.glue.bookmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.GlueRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBookmarkStateJson {
    @TempDir
    Path directory;

    private static final BookmarkState STATE = new BookmarkState("orders", Optional.of("jr_1"), Map.of(
            "read_orders", new S3Bookmark(1764660000123L, Set.of("s3://b/in/z.json", "s3://b/in/a.json"), List.of("s3://b/in/")),
            "read_customers", new JdbcBookmark(List.of("id", "name"), JdbcBookmark.SortOrder.DESC, Optional.of(List.of(42L, "o'neil")))));

    @Test
    void writesTheDocumentedLayout() throws Exception {
        Map<?, ?> written = new ObjectMapper().readValue(BookmarkStateJson.write(STATE), Map.class);
        assertThat(written).isEqualTo(Map.of(
                "version", 1, "job", "orders", "run_id", "jr_1",
                "sources", Map.of(
                        "read_customers", Map.of("kind", "jdbc", "keys", List.of("id", "name"), "sort_order", "desc",
                                "last_values", List.of(42, "o'neil")),
                        "read_orders", Map.of("kind", "s3", "high_water_mtime", 1764660000123L,
                                "files_at_high_water", List.of("s3://b/in/a.json", "s3://b/in/z.json"), "paths", List.of("s3://b/in/")))));
    }

    @Test
    void readsWhatItWrites() {
        assertThat(BookmarkStateJson.read(BookmarkStateJson.write(STATE), "other", "test")).isEqualTo(STATE);
    }

    @Test
    void emptyObjectIsAnEmptyStateOfTheJob() {
        assertThat(BookmarkStateJson.read("{}", "orders", "test")).isEqualTo(BookmarkState.empty("orders"));
    }

    @Test
    void malformedStatesAreErrorsNamingTheFileAndTheProblem() {
        assertThatThrownBy(() -> BookmarkStateJson.read("[1]", "j", "state.json"))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Invalid job bookmark state in state.json: not a JSON object");
        assertThatThrownBy(() -> BookmarkStateJson.read("{\"version\": 2}", "j", "state.json"))
                .hasMessage("Invalid job bookmark state in state.json: version 2 is not 1");
        assertThatThrownBy(() -> BookmarkStateJson.read("{\"sources\": {\"c\": {\"kind\": \"dynamodb\"}}}", "j", "state.json"))
                .hasMessage("Invalid job bookmark state in state.json, source c: unknown kind dynamodb; Epoxy knows s3 and jdbc");
        assertThatThrownBy(() -> BookmarkStateJson.read("{\"sources\": {\"c\": {\"kind\": \"s3\"}}}", "j", "state.json"))
                .hasMessage("Invalid job bookmark state in state.json, source c: high_water_mtime is missing or not an integer");
        assertThatThrownBy(() -> BookmarkStateJson.read("{\"sources\": {\"c\": {\"kind\": \"jdbc\", \"keys\": [\"a b\"]}}}", "j", "s"))
                .hasMessage("Invalid job bookmark state in s, source c: Invalid jobBookmarkKeys column: a b; use a plain column name");
        assertThatThrownBy(() -> BookmarkStateJson.read("{", "j", "state.json"))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessageStartingWith("Invalid job bookmark state in state.json: not JSON: ");
    }

    @Test
    void filesAreWrittenAtomicallyAndAMissingFileIsNoState() throws Exception {
        Path file = directory.resolve("runs/commit.json");
        assertThat(BookmarkFiles.read(file, "orders")).isEmpty();
        BookmarkFiles.write(file, STATE);
        BookmarkFiles.write(file, BookmarkState.empty("orders"));
        assertThat(BookmarkFiles.read(file, "orders")).contains(BookmarkState.empty("orders"));
        // The temporary file was renamed into place: nothing else is left in the directory.
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString()).toList()).containsExactly("commit.json");
        }
    }
}
