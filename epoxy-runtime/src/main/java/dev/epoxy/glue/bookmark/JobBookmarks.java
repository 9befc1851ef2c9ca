package dev.epoxy.glue.bookmark;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.spark.catalog.read.InputFileFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bookmarks of one job run between {@code Job.init} and {@code job.commit()}: the state it starts
 * from, the optional upper bound of a pause, and one {@link S3BookmarkFilter} per bookmarked source read.
 * Sources with a blank {@code transformation_ctx}, and every source under {@link BookmarkOption#DISABLE},
 * are not bookmarked and read everything.
 */
public final class JobBookmarks {
    private final String job;
    private final Optional<String> runId;
    private final BookmarkOption option;
    private final BookmarkState start;
    private final Optional<BookmarkState> upTo;
    private final Map<String, S3BookmarkFilter> s3Sources = new LinkedHashMap<>();
    private final Map<String, JdbcBookmark> jdbcSources = new LinkedHashMap<>();

    /**
     * @param upTo the to-state of a pause with {@code --job-bookmark-to}; only used under {@link BookmarkOption#PAUSE}
     */
    public JobBookmarks(String job, Optional<String> runId, BookmarkOption option, BookmarkState start, Optional<BookmarkState> upTo) {
        this.job = requireNonNull(job, "job is null");
        this.runId = requireNonNull(runId, "runId is null");
        this.option = requireNonNull(option, "option is null");
        this.start = requireNonNull(start, "start is null");
        this.upTo = requireNonNull(upTo, "upTo is null");
    }

    /** No job, or bookmarks disabled: every source reads everything. */
    public static JobBookmarks disabled() {
        return new JobBookmarks("", Optional.empty(), BookmarkOption.DISABLE, BookmarkState.empty(""), Optional.empty());
    }

    public BookmarkOption option() {
        return option;
    }

    /**
     * The filter of the S3 source {@code transformationContext} over {@code paths}: the same one for every
     * read of that context in this run. {@link InputFileFilter#ALL} when the source is not bookmarked.
     *
     * @throws GlueRuntimeException INVALID_INPUT when the state holds another kind of source under that context
     */
    public synchronized InputFileFilter s3Filter(String transformationContext, List<String> paths) {
        if (option == BookmarkOption.DISABLE || transformationContext == null || transformationContext.isBlank()) {
            return InputFileFilter.ALL;
        }
        return s3Sources.computeIfAbsent(transformationContext, context -> {
            Optional<S3Bookmark> from = s3State(start, context, "the bookmark state");
            if (option == BookmarkOption.PAUSE && upTo.isPresent()) {
                return S3BookmarkFilter.between(from, s3State(upTo.get(), context, "the --job-bookmark-to state"), paths);
            }
            return S3BookmarkFilter.after(from, paths);
        });
    }

    /** Whether the source {@code transformationContext} is bookmarked in this run (bookmarks on, a context given). */
    public boolean bookmarks(String transformationContext) {
        return option != BookmarkOption.DISABLE && transformationContext != null && !transformationContext.isBlank();
    }

    /**
     * The range a bookmarked JDBC source {@code transformationContext} on {@code keys} reads in this run: after the
     * committed state (or everything, the first time), and under a pause with a to-state, up to that state's values.
     * Empty when the source is not bookmarked (bookmarks disabled or no {@code transformation_ctx}).
     *
     * @throws GlueRuntimeException INVALID_INPUT when the state holds another kind of source under that context, or a
     *     bookmark on other keys
     */
    public synchronized Optional<JdbcRange> jdbcRange(String transformationContext, List<String> keys, JdbcBookmark.SortOrder order) {
        if (!bookmarks(transformationContext)) {
            return Optional.empty();
        }
        JdbcBookmark from = jdbcState(start, transformationContext, keys, order, "the bookmark state")
                .orElseGet(() -> JdbcBookmark.initial(keys, order));
        Optional<JdbcBookmark> upTo = Optional.empty();
        if (option == BookmarkOption.PAUSE && this.upTo.isPresent()) {
            upTo = jdbcState(this.upTo.get(), transformationContext, keys, order, "the --job-bookmark-to state")
                    .filter(state -> state.lastValues().isPresent());
        }
        return Optional.of(new JdbcRange(from, upTo));
    }

    /** Records that the JDBC source {@code transformationContext} read up to {@code state}; {@code job.commit()} writes it. */
    public synchronized void jdbcRead(String transformationContext, JdbcBookmark state) {
        jdbcSources.put(transformationContext, state);
    }

    /** Rows after {@code from} and, when present, not after {@code upTo}. */
    public record JdbcRange(JdbcBookmark from, Optional<JdbcBookmark> upTo) {}

    /** The state {@code job.commit()} writes: the start state with the sources read in this run advanced. */
    public synchronized BookmarkState committedState() {
        Map<String, SourceBookmark> advanced = new LinkedHashMap<>();
        for (Map.Entry<String, S3BookmarkFilter> source : s3Sources.entrySet()) {
            source.getValue().committed().ifPresent(state -> advanced.put(source.getKey(), state));
        }
        for (Map.Entry<String, JdbcBookmark> source : jdbcSources.entrySet()) {
            if (source.getValue().lastValues().isPresent()) {
                advanced.put(source.getKey(), source.getValue());
            }
        }
        return start.committed(job, runId, advanced);
    }

    private static Optional<JdbcBookmark> jdbcState(BookmarkState state, String context, List<String> keys,
            JdbcBookmark.SortOrder order, String what) {
        Optional<SourceBookmark> source = state.source(context);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        if (!(source.get() instanceof JdbcBookmark jdbc)) {
            throw GlueRuntimeException.invalidInput("Cannot read transformation_ctx %s as a JDBC source: %s holds a %s bookmark for it",
                    context, what, source.get().kind());
        }
        if (!jdbc.keys().equals(keys) || jdbc.sortOrder() != order) {
            throw GlueRuntimeException.invalidInput("transformation_ctx %s was bookmarked on jobBookmarkKeys %s %s, not %s %s: reset the "
                    + "job bookmark to change the keys", context, jdbc.keys(), jdbc.sortOrder().option(), keys, order.option());
        }
        return Optional.of(jdbc);
    }

    private static Optional<S3Bookmark> s3State(BookmarkState state, String context, String what) {
        Optional<SourceBookmark> source = state.source(context);
        if (source.isPresent() && !(source.get() instanceof S3Bookmark)) {
            throw GlueRuntimeException.invalidInput("Cannot read transformation_ctx %s as an S3 source: %s holds a %s bookmark for it",
                    context, what, source.get().kind());
        }
        return source.map(S3Bookmark.class::cast);
    }
}
