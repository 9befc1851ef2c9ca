package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JdbcTarget's include path, as Glue documents it: {@code database/schema/table} (PostgreSQL) or
 * {@code database/table} (MySQL, MariaDB), where {@code %} stands for any run of characters within a schema or
 * table name ({@code epoxy/public/%}, {@code shop/order%}). A path that stops early ({@code epoxy/%},
 * {@code epoxy}) takes every schema and table below it. The database must be named: Glue does not allow a
 * wildcard there, and a connection reaches one database server whose databases a crawl does not enumerate.
 * Names match case-sensitively, as the databases spell them.
 */
final class JdbcIncludePath {
    private final String path;
    private final List<String> segments;
    private final List<Pattern> patterns;

    private JdbcIncludePath(String path, List<String> segments) {
        this.path = path;
        this.segments = List.copyOf(segments);
        this.patterns = segments.stream().map(JdbcIncludePath::pattern).toList();
    }

    /** @throws CrawlException naming the path when it has more levels than the engine, or no database name */
    static JdbcIncludePath parse(String path, JdbcEngine engine) {
        requireNonNull(path, "path is null");
        String trimmed = path.strip().replaceAll("^/+|/+$", "");
        List<String> given = trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
        int levels = engine.levels().size();
        String shape = String.join("/", engine.levels());
        if (given.isEmpty() || given.get(0).isEmpty() || given.get(0).contains("%")) {
            throw new CrawlException("Invalid JdbcTarget Path " + path + ": it must start with a database name (" + shape + ", % a wildcard below the database)");
        }
        if (given.size() > levels) {
            throw new CrawlException("Invalid JdbcTarget Path " + path + ": a " + engine.classification() + " path is " + shape + ", at most " + levels + " names");
        }
        if (given.stream().anyMatch(String::isEmpty)) {
            throw new CrawlException("Invalid JdbcTarget Path " + path + ": empty name between slashes (" + shape + ")");
        }
        List<String> segments = new ArrayList<>(given);
        while (segments.size() < levels) {
            segments.add("%");
        }
        return new JdbcIncludePath(path, segments);
    }

    String path() {
        return path;
    }

    String database() {
        return segments.get(0);
    }

    /** The pattern of level {@code level} (0 the database), {@code %} its wildcard, for DatabaseMetaData's LIKE-style arguments. */
    String segment(int level) {
        return segments.get(level);
    }

    /** Whether a table at {@code tablePath} (one name a level, from the database down) is under this include path. */
    boolean matches(List<String> tablePath) {
        if (tablePath.size() != patterns.size()) {
            return false;
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (!patterns.get(i).matcher(tablePath.get(i)).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The part of {@code tablePath} below the include path's leading names without a wildcard: what
     * {@code %} matched, joined with slashes ({@code tmp_orders} for {@code epoxy/public/tmp_orders} under
     * {@code epoxy/public/%}). Exclusion patterns are matched against it, as S3 exclusions against the path
     * below the include path.
     */
    String relative(List<String> tablePath) {
        int fixed = 0;
        while (fixed < segments.size() && !segments.get(fixed).contains("%")) {
            fixed++;
        }
        return String.join("/", tablePath.subList(Math.min(fixed, tablePath.size()), tablePath.size()));
    }

    private static Pattern pattern(String segment) {
        StringBuilder regex = new StringBuilder();
        for (String literal : segment.split("%", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return path;
    }
}
