package dev.epoxy.glue.bookmark;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A job's bookmark after a committed run: one {@link SourceBookmark} per {@code transformation_ctx}. The
 * server stores it as an opaque JSON string ({@link BookmarkStateJson}) and GetJobBookmark returns it as
 * the {@code JobBookmark}.
 *
 * @param job the job name given to {@code Job.init}
 * @param runId the run that committed it; empty when the launcher did not say
 * @param sources the sources' states by {@code transformation_ctx}
 */
public record BookmarkState(String job, Optional<String> runId, Map<String, SourceBookmark> sources) {
    /** The version of the JSON layout, its {@code version} member. */
    public static final int VERSION = 1;

    public BookmarkState {
        requireNonNull(job, "job is null");
        requireNonNull(runId, "runId is null");
        // Sorted by context, so that the JSON is the same from run to run.
        sources = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(sources, "sources is null")));
    }

    /** No state: every source reads everything. */
    public static BookmarkState empty(String job) {
        return new BookmarkState(job, Optional.empty(), Map.of());
    }

    /** The state of {@code transformationContext}; empty when no committed run read it. */
    public Optional<SourceBookmark> source(String transformationContext) {
        return Optional.ofNullable(sources.get(transformationContext));
    }

    /** This state with the sources of {@code updated} replacing (or joining) its own, as committed by {@code newRunId}. */
    public BookmarkState committed(String newJob, Optional<String> newRunId, Map<String, SourceBookmark> updated) {
        Map<String, SourceBookmark> merged = new LinkedHashMap<>(sources);
        merged.putAll(updated);
        return new BookmarkState(newJob, newRunId, merged);
    }
}
