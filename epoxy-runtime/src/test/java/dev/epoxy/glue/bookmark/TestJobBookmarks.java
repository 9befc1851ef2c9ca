package dev.epoxy.glue.bookmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.spark.catalog.read.InputFileFilter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class TestJobBookmarks {
    private static final S3Bookmark OTHER = new S3Bookmark(5, Set.of("s3://b/other/x"), List.of("s3://b/other/"));
    private static final S3Bookmark ORDERS = new S3Bookmark(100, Set.of("s3://b/in/a"), List.of("s3://b/in/"));
    private static final BookmarkState START = new BookmarkState("job", Optional.of("jr_1"), Map.of("other", OTHER, "orders", ORDERS));

    @Test
    void disabledRunsAndSourcesWithoutContextAreNotBookmarked() {
        JobBookmarks disabled = new JobBookmarks("job", Optional.empty(), BookmarkOption.DISABLE, START, Optional.empty());
        assertThat(disabled.s3Filter("orders", List.of("s3://b/in/"))).isSameAs(InputFileFilter.ALL);
        JobBookmarks enabled = new JobBookmarks("job", Optional.empty(), BookmarkOption.ENABLE, START, Optional.empty());
        assertThat(enabled.s3Filter("", List.of("s3://b/in/"))).isSameAs(InputFileFilter.ALL);
        assertThat(enabled.s3Filter("orders", List.of("s3://b/in/"))).isSameAs(enabled.s3Filter("orders", List.of("s3://b/in/")));
    }

    @Test
    void committedStateAdvancesTheSourcesReadAndKeepsTheOthers() {
        JobBookmarks run = new JobBookmarks("job", Optional.of("jr_2"), BookmarkOption.ENABLE, START, Optional.empty());
        run.s3Filter("orders", List.of("s3://b/in/")).select(List.of(file("s3://b/in/a", 100), file("s3://b/in/b", 150)));
        run.s3Filter("fresh", List.of("s3://b/fresh/")).select(List.of(file("s3://b/fresh/f", 9)));
        run.s3Filter("unread", List.of("s3://b/unread/"));
        assertThat(run.committedState()).isEqualTo(new BookmarkState("job", Optional.of("jr_2"), Map.of(
                "other", OTHER,
                "orders", new S3Bookmark(150, Set.of("s3://b/in/b"), List.of("s3://b/in/")),
                "fresh", new S3Bookmark(9, Set.of("s3://b/fresh/f"), List.of("s3://b/fresh/")))));
    }

    @Test
    void pauseWithAToStateThatNeverReadTheSourceReadsNothing() {
        JobBookmarks run = new JobBookmarks("job", Optional.empty(), BookmarkOption.PAUSE, START,
                Optional.of(BookmarkState.empty("job")));
        assertThat(run.s3Filter("orders", List.of("s3://b/in/")).select(List.of(file("s3://b/in/b", 150)))).isEmpty();
        JobBookmarks withoutRange = new JobBookmarks("job", Optional.empty(), BookmarkOption.PAUSE, START, Optional.empty());
        assertThat(withoutRange.s3Filter("orders", List.of("s3://b/in/")).select(List.of(file("s3://b/in/b", 150)))).hasSize(1);
    }

    private static FileStatus file(String path, long mtime) {
        return new FileStatus(10, false, 1, 128, mtime, new Path(path));
    }
}
