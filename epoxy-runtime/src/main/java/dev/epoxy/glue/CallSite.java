package dev.epoxy.glue;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * Where a transform was called from: {@code site} is the caller's location (Python builds it from
 * its stack), {@code info} the user's {@code info=} string. Copied into every error record.
 */
public record CallSite(String site, String info) implements Serializable {
    public CallSite {
        requireNonNull(site, "site is null");
        requireNonNull(info, "info is null");
    }

    /** No call site: empty site and info (stages started from Java). */
    public static CallSite none() {
        return new CallSite("", "");
    }

    /** A call site; a null {@code site} or {@code info} is empty. */
    // Called from Python via py4j
    public static CallSite of(String site, String info) {
        return new CallSite(site == null ? "" : site, info == null ? "" : info);
    }
}
