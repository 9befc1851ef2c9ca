package dev.epoxy.glue.bookmark;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.read.InputFileFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;

/**
 * The bookmark of one S3 source in a run: lets through the listed files that are new since the start
 * state (and, for a pause with {@code --job-bookmark-to}, were read by the runs up to the to-state), and
 * remembers every file it let through, from which {@link #committed()} computes the state to commit.
 * Every listing is compared with the same start state, so a frame planned twice (two Spark actions)
 * reads the same files, plus any that appeared in between.
 */
public final class S3BookmarkFilter implements InputFileFilter {
    private final Optional<S3Bookmark> start;
    private final Optional<Optional<S3Bookmark>> upTo;
    private final List<String> paths;
    private final Map<String, Long> read = new LinkedHashMap<>();

    private S3BookmarkFilter(Optional<S3Bookmark> start, Optional<Optional<S3Bookmark>> upTo, List<String> paths) {
        this.start = requireNonNull(start, "start is null");
        this.upTo = requireNonNull(upTo, "upTo is null");
        this.paths = List.copyOf(requireNonNull(paths, "paths is null"));
    }

    /** Reads the files new since {@code start} (empty: no state, everything is new). */
    public static S3BookmarkFilter after(Optional<S3Bookmark> start, List<String> paths) {
        return new S3BookmarkFilter(start, Optional.empty(), paths);
    }

    /**
     * Reads the files new since {@code start} that {@code upTo} covers: the input of the runs after the
     * from-run up to and including the to-run. An empty {@code upTo} (the to-run did not read this source)
     * reads nothing.
     */
    public static S3BookmarkFilter between(Optional<S3Bookmark> start, Optional<S3Bookmark> upTo, List<String> paths) {
        return new S3BookmarkFilter(start, Optional.of(upTo), paths);
    }

    @Override
    public synchronized List<FileStatus> select(List<FileStatus> listed) {
        List<FileStatus> selected = new ArrayList<>();
        for (FileStatus file : listed) {
            String path = file.getPath().toString();
            long mtime = file.getModificationTime();
            if (inRange(path, mtime)) {
                selected.add(file);
                read.put(path, mtime);
            }
        }
        return List.copyOf(selected);
    }

    private boolean inRange(String path, long mtime) {
        if (!S3Bookmark.isNew(start, path, mtime)) {
            return false;
        }
        return upTo.map(bound -> bound.map(state -> state.covers(path, mtime)).orElse(false)).orElse(true);
    }

    /** The state after this run: the start state advanced by every file let through; empty if neither exists. */
    public synchronized Optional<S3Bookmark> committed() {
        return S3Bookmark.advance(start, read, paths);
    }

    /** How many distinct files this filter let through so far (for logs and benchmarks). */
    public synchronized int filesRead() {
        return read.size();
    }
}
