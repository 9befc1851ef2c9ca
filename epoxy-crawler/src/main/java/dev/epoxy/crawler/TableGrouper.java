package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which folders under one include path are tables and which are partitions (Glue's "how a
 * crawler determines when to create partitions"), from the files' formats and column names alone,
 * top down from the include path. A folder is one table (its sub-folders its partitions) when:
 * <ol>
 *   <li>an earlier crawl made a table there ({@code knownTables}, used when crawling new folders only);
 *   <li>with {@code TableLevelConfiguration}, it is at that level (or deeper: the include path), or
 *       it holds files and no folders;
 *   <li>otherwise, it holds files and no folders, or it holds only folders that are all compatible
 *       (one {@link DataFormat}, files at the same depth below each) and mostly similar
 *       ({@link SchemaSimilarity#mostlySimilar}; with {@code CombineCompatibleSchemas} compatible is enough).
 * </ol>
 * Any other folder is split: each file directly in it is a table of its own, and each sub-folder is
 * decided the same way. A folder with a known table below it is always split.
 */
final class TableGrouper {
    private final String includePath;
    private final GroupingOptions options;
    private final Set<String> knownTables;
    private final int includeLevel;

    private TableGrouper(String includePath, GroupingOptions options, Set<String> knownTables) {
        this.includePath = requireNonNull(includePath, "includePath is null");
        this.options = requireNonNull(options, "options is null");
        this.knownTables = Set.copyOf(knownTables);
        this.includeLevel = levelOf(includePath);
    }

    /**
     * The tables of these files, listed under {@code includePath}, in folder order.
     *
     * @param knownTables locations, relative to the include path, of tables earlier crawls made (as
     *     {@link TableGroup#relativeLocation()}): their files stay theirs whatever the folders around them
     */
    static List<TableGroup> group(String includePath, List<FileSummary> files, GroupingOptions options, Set<String> knownTables) {
        if (files.isEmpty()) {
            return List.of();
        }
        Folder root = new Folder(List.of());
        for (FileSummary file : files) {
            root.add(file, 0);
        }
        List<TableGroup> groups = new ArrayList<>();
        new TableGrouper(includePath, options, knownTables).decide(root, groups);
        return List.copyOf(groups);
    }

    /**
     * The absolute level of a folder URI as {@code TableLevelConfiguration} counts it: the bucket (the
     * URI's authority) is level 1, each folder below it one more; a URI without authority
     * ({@code file:/srv/x/}) counts its path's folders only.
     */
    static int levelOf(String uri) {
        String rest = uri;
        int level = 0;
        int colon = rest.indexOf(':');
        if (colon > 0 && rest.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            rest = rest.substring(colon + 1);
        }
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            level += authority.isEmpty() ? 0 : 1;
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                level++;
            }
        }
        return level;
    }

    private void decide(Folder folder, List<TableGroup> groups) {
        String relative = folder.relativeLocation();
        if (knownTables.contains(relative)) {
            groups.add(table(folder));
        }
        else if (knownTables.stream().anyMatch(known -> known.startsWith(relative) && !known.equals(relative))) {
            split(folder, groups);
        }
        else if (isOneTable(folder)) {
            groups.add(table(folder));
        }
        else {
            split(folder, groups);
        }
    }

    private boolean isOneTable(Folder folder) {
        if (folder.children.isEmpty()) {
            return true;
        }
        if (options.tableLevel().isPresent()) {
            return includeLevel + folder.path.size() >= options.tableLevel().getAsInt();
        }
        if (!folder.direct.isEmpty()) {
            return false;
        }
        List<Folder> children = List.copyOf(folder.children.values());
        Set<DataFormat> formats = new HashSet<>();
        Set<Integer> depths = new HashSet<>();
        for (Folder child : children) {
            formats.addAll(child.formats());
            depths.add(child.minimumDepth());
        }
        if (formats.size() != 1 || depths.size() != 1) {
            return false;
        }
        return options.combineCompatibleSchemas() || SchemaSimilarity.mostlySimilar(children.stream().map(Folder::columnNames).toList());
    }

    private void split(Folder folder, List<TableGroup> groups) {
        String relative = folder.relativeLocation();
        for (FileSummary file : folder.direct) {
            String name = fileName(file.file().uri());
            groups.add(new TableGroup(relative + name, name, List.of(new DataFile(file.file().uri(), List.of(), file.file().size()))));
        }
        for (Folder child : folder.children.values()) {
            decide(child, groups);
        }
    }

    private TableGroup table(Folder folder) {
        List<DataFile> files = new ArrayList<>();
        folder.collect(files, folder.path.size());
        String nameSource = folder.path.isEmpty() ? lastFolderOf(includePath) : folder.path.get(folder.path.size() - 1);
        return new TableGroup(folder.relativeLocation(), nameSource, files);
    }

    static String lastFolderOf(String path) {
        String trimmed = path.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String fileName(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** A folder of the listing, with the files directly in it and its sub-folders by name. */
    private static final class Folder {
        private final List<String> path;
        private final List<FileSummary> direct = new ArrayList<>();
        private final Map<String, Folder> children = new TreeMap<>();

        Folder(List<String> path) {
            this.path = List.copyOf(path);
        }

        void add(FileSummary file, int depth) {
            List<String> folders = file.file().folders();
            if (folders.size() == depth) {
                direct.add(file);
                return;
            }
            String name = folders.get(depth);
            children.computeIfAbsent(name, key -> new Folder(folders.subList(0, depth + 1))).add(file, depth + 1);
        }

        String relativeLocation() {
            return path.isEmpty() ? "" : String.join("/", path) + "/";
        }

        /** This folder's files, with their folders relative to the folder {@code rootDepth} levels below the include path. */
        void collect(List<DataFile> files, int rootDepth) {
            for (FileSummary file : direct) {
                List<String> folders = file.file().folders();
                files.add(new DataFile(file.file().uri(), folders.subList(rootDepth, folders.size()), file.file().size()));
            }
            children.values().forEach(child -> child.collect(files, rootDepth));
        }

        Set<DataFormat> formats() {
            Set<DataFormat> formats = new HashSet<>();
            direct.forEach(file -> formats.add(file.format()));
            children.values().forEach(child -> formats.addAll(child.formats()));
            return formats;
        }

        Set<String> columnNames() {
            Set<String> names = new HashSet<>();
            direct.forEach(file -> names.addAll(file.columnNames()));
            children.values().forEach(child -> names.addAll(child.columnNames()));
            return names;
        }

        /** How many folders below this one its shallowest files lie (0: files directly in it). */
        int minimumDepth() {
            if (!direct.isEmpty()) {
                return 0;
            }
            return 1 + children.values().stream().mapToInt(Folder::minimumDepth).min().orElse(0);
        }
    }
}
