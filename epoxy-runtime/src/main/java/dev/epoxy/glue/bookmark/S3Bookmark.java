package dev.epoxy.glue.bookmark;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an S3 (file) source has read, by modification time, AWS's rule: every file modified before
 * {@code highWaterMtime}, and of the files modified exactly then, those in {@code filesAtHighWater}. A
 * file is new when it is modified after the mark, or at the mark and not in that set; a file rewritten
 * later is new again. A file that appears with an mtime before the mark (a copy that keeps its old time)
 * is not.
 *
 * @param highWaterMtime the latest modification time read, in milliseconds since the epoch
 * @param filesAtHighWater the full paths of the files read whose modification time is the mark
 * @param paths the source's input paths ({@code from_options}) or {@code database.table} ({@code
 *     from_catalog}), for people reading the state; the rule does not use them
 */
public record S3Bookmark(long highWaterMtime, Set<String> filesAtHighWater, List<String> paths) implements SourceBookmark {
    public static final String KIND = "s3";

    public S3Bookmark {
        filesAtHighWater = Set.copyOf(requireNonNull(filesAtHighWater, "filesAtHighWater is null"));
        paths = List.copyOf(requireNonNull(paths, "paths is null"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Whether the file at {@code path}, modified at {@code mtime}, was read by the runs up to this state. */
    public boolean covers(String path, long mtime) {
        return mtime < highWaterMtime || (mtime == highWaterMtime && filesAtHighWater.contains(path));
    }

    /** Whether a source starting from {@code state} (empty: no state) reads the file: the negation of {@link #covers}. */
    public static boolean isNew(Optional<S3Bookmark> state, String path, long mtime) {
        return state.map(bookmark -> !bookmark.covers(path, mtime)).orElse(true);
    }

    /**
     * The state after also reading {@code read} (full path to modification time) from {@code start}: the
     * mark moves to the latest time read, and the set holds the files at the new mark (plus the old set
     * when the mark stays). Nothing read leaves the start state (empty stays empty).
     */
    public static Optional<S3Bookmark> advance(Optional<S3Bookmark> start, Map<String, Long> read, List<String> paths) {
        requireNonNull(start, "start is null");
        requireNonNull(read, "read is null");
        if (read.isEmpty()) {
            return start;
        }
        long mark = read.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        if (start.isPresent() && start.get().highWaterMtime() > mark) {
            // Only possible for files given an old mtime after the mark passed it: the mark never goes back.
            mark = start.get().highWaterMtime();
        }
        Set<String> atMark = new HashSet<>();
        if (start.isPresent() && start.get().highWaterMtime() == mark) {
            atMark.addAll(start.get().filesAtHighWater());
        }
        for (Map.Entry<String, Long> file : read.entrySet()) {
            if (file.getValue() == mark) {
                atMark.add(file.getKey());
            }
        }
        return Optional.of(new S3Bookmark(mark, atMark, paths));
    }
}
