package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * A target's exclude patterns, as Glue documents them: glob patterns matched against the object's
 * path relative to the include path, where {@code *} matches within one folder level, {@code **}
 * across levels, {@code ?} one character, {@code [abc]} a class and {@code {a,b}} alternatives
 * (Java's glob syntax, which Glue's documentation follows). A folder that matches is skipped with
 * everything below it.
 */
final class Exclusions {
    private final List<PathMatcher> matchers;

    private Exclusions(List<PathMatcher> matchers) {
        this.matchers = matchers;
    }

    /** @throws IllegalArgumentException naming the pattern that is not a valid glob */
    static Exclusions of(List<String> patterns) {
        requireNonNull(patterns, "patterns is null");
        return new Exclusions(patterns.stream().map(Exclusions::matcher).toList());
    }

    /** Whether the object (file or folder) at this path relative to the include path is excluded. */
    boolean excludes(String relativePath) {
        if (relativePath.isEmpty()) {
            return false;
        }
        Path path = Path.of(relativePath);
        return matchers.stream().anyMatch(matcher -> matcher.matches(path));
    }

    private static PathMatcher matcher(String pattern) {
        try {
            // A leading slash would never match a relative path; Glue's examples write none.
            String relative = pattern.startsWith("/") ? pattern.substring(1) : pattern;
            return FileSystems.getDefault().getPathMatcher("glob:" + relative);
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid exclusion pattern " + pattern + ": " + e.getMessage(), e);
        }
    }
}
