package dev.epoxy.glue;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named frames, in insertion order: what {@code splitFields}, {@code splitRows} and {@code
 * relationalize} return. Python wraps it with {@code DynamicFrameCollection._from_jvm}.
 */
public final class DynamicFrameCollection {
    private final Map<String, DynamicFrame> frames;
    private final GlueContext glueContext;

    /** The frames under the given keys, in the map's iteration order. */
    public DynamicFrameCollection(Map<String, DynamicFrame> frames, GlueContext glueContext) {
        this.frames = new LinkedHashMap<>(requireNonNull(frames, "frames is null"));
        this.glueContext = requireNonNull(glueContext, "glueContext is null");
    }

    /** The frames named by their own names. */
    public static DynamicFrameCollection of(List<DynamicFrame> frames, GlueContext glueContext) {
        Map<String, DynamicFrame> named = new LinkedHashMap<>();
        for (DynamicFrame frame : frames) {
            named.put(frame.name(), frame);
        }
        return new DynamicFrameCollection(named, glueContext);
    }

    /** The keys in insertion order; empty for an empty collection. */
    // Called from Python via py4j
    public List<String> keys() {
        return new ArrayList<>(frames.keySet());
    }

    /**
     * The frame named {@code key}.
     *
     * @throws GlueRuntimeException INVALID_INPUT naming the key and the collection's keys if absent
     */
    // Called from Python via py4j
    public DynamicFrame get(String key) {
        DynamicFrame frame = frames.get(key);
        if (frame == null) {
            throw GlueRuntimeException.invalidInput("No frame named %s in the collection; its frames are %s", key, keys());
        }
        return frame;
    }

    /** The frame named {@code key}, or an empty frame with that name (Glue's {@code select}). */
    // Called from Python via py4j
    public DynamicFrame select(String key) {
        DynamicFrame frame = frames.get(key);
        return frame != null ? frame : DynamicFrame.emptyDynamicFrame(glueContext).withName(key);
    }

    /** The number of frames. */
    public int size() {
        return frames.size();
    }

    /** The frames by key, as an immutable copy (not ordered). */
    public Map<String, DynamicFrame> frames() {
        return Map.copyOf(frames);
    }
}
