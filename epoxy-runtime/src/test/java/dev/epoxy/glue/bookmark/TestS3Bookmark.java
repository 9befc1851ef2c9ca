package dev.epoxy.glue.bookmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class TestS3Bookmark {
    private static final List<String> PATHS = List.of("s3://bucket/in/");
    private static final S3Bookmark AT_100 = new S3Bookmark(100, Set.of("s3://bucket/in/a"), PATHS);

    @Test
    void fileIsNewWhenModifiedAfterTheMarkOrAtTheMarkAndNotRecorded() {
        assertThat(S3Bookmark.isNew(Optional.of(AT_100), "s3://bucket/in/old", 99)).isFalse();
        assertThat(S3Bookmark.isNew(Optional.of(AT_100), "s3://bucket/in/a", 100)).isFalse();
        assertThat(S3Bookmark.isNew(Optional.of(AT_100), "s3://bucket/in/b", 100)).isTrue();
        assertThat(S3Bookmark.isNew(Optional.of(AT_100), "s3://bucket/in/a", 101)).isTrue();
        assertThat(S3Bookmark.isNew(Optional.empty(), "s3://bucket/in/old", Long.MIN_VALUE)).isTrue();
    }

    @Test
    void advanceMovesTheMarkToTheLatestFileReadAndRecordsTheFilesAtIt() {
        Map<String, Long> read = new LinkedHashMap<>();
        read.put("s3://bucket/in/b", 150L);
        read.put("s3://bucket/in/c", 200L);
        read.put("s3://bucket/in/d", 200L);
        assertThat(S3Bookmark.advance(Optional.of(AT_100), read, PATHS))
                .contains(new S3Bookmark(200, Set.of("s3://bucket/in/c", "s3://bucket/in/d"), PATHS));
    }

    @Test
    void advanceAtTheSameMarkKeepsTheFilesAlreadyRecordedThere() {
        assertThat(S3Bookmark.advance(Optional.of(AT_100), Map.of("s3://bucket/in/b", 100L), PATHS))
                .contains(new S3Bookmark(100, Set.of("s3://bucket/in/a", "s3://bucket/in/b"), PATHS));
    }

    @Test
    void advanceWithNothingReadKeepsTheStartState() {
        assertThat(S3Bookmark.advance(Optional.of(AT_100), Map.of(), PATHS)).contains(AT_100);
        assertThat(S3Bookmark.advance(Optional.empty(), Map.of(), PATHS)).isEmpty();
        assertThat(S3Bookmark.advance(Optional.empty(), Map.of("s3://bucket/in/x", 7L), PATHS))
                .contains(new S3Bookmark(7, Set.of("s3://bucket/in/x"), PATHS));
    }

    @Test
    void filterLetsThroughNewFilesAndRemembersThemAcrossListings() {
        S3BookmarkFilter filter = S3BookmarkFilter.after(Optional.of(AT_100), PATHS);
        List<FileStatus> first = List.of(file("s3://bucket/in/a", 100), file("s3://bucket/in/old", 50), file("s3://bucket/in/b", 120));
        assertThat(names(filter.select(first))).containsExactly("s3://bucket/in/b");
        // Planned again after a file arrived: the same start state, so b again, plus c.
        List<FileStatus> second = List.of(file("s3://bucket/in/a", 100), file("s3://bucket/in/b", 120), file("s3://bucket/in/c", 130));
        assertThat(names(filter.select(second))).containsExactly("s3://bucket/in/b", "s3://bucket/in/c");
        assertThat(filter.filesRead()).isEqualTo(2);
        assertThat(filter.committed()).contains(new S3Bookmark(130, Set.of("s3://bucket/in/c"), PATHS));
    }

    @Test
    void filterBetweenReadsWhatTheToStateCoversAfterTheFromState() {
        S3Bookmark to = new S3Bookmark(300, Set.of("s3://bucket/in/e"), PATHS);
        S3BookmarkFilter filter = S3BookmarkFilter.between(Optional.of(AT_100), Optional.of(to), PATHS);
        List<FileStatus> listed = List.of(file("s3://bucket/in/a", 100), file("s3://bucket/in/b", 200), file("s3://bucket/in/e", 300),
                file("s3://bucket/in/f", 300), file("s3://bucket/in/g", 400));
        assertThat(names(filter.select(listed))).containsExactly("s3://bucket/in/b", "s3://bucket/in/e");
        assertThat(names(S3BookmarkFilter.between(Optional.of(AT_100), Optional.empty(), PATHS).select(listed))).isEmpty();
        assertThat(names(S3BookmarkFilter.between(Optional.empty(), Optional.of(to), PATHS).select(listed)))
                .containsExactly("s3://bucket/in/a", "s3://bucket/in/b", "s3://bucket/in/e");
    }

    private static FileStatus file(String path, long mtime) {
        return new FileStatus(10, false, 1, 128, mtime, new Path(path));
    }

    private static List<String> names(List<FileStatus> files) {
        return files.stream().map(file -> file.getPath().toString()).toList();
    }
}
