package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, without writing anything, the tables and partitions of one crawl: lists every include
 * path, classifies its files, decides which folders are tables and which partitions
 * ({@link TableGrouper}, from the crawler's {@link GroupingOptions}), names the tables
 * ({@link TableNames}) and infers each table's columns. Files no classifier recognises, or files of
 * different formats in one table, fail the crawl (naming them) before any table is touched. Tables
 * the crawler made earlier under an include path that this crawl did not find are planned as gone.
 */
final class CrawlPlanner {
    private final FileListing listing;
    private final FileClassifier classifier;
    private final FooterColumns footers;
    private final SchemaInference inference;

    CrawlPlanner(FileListing listing, FileClassifier classifier, FooterColumns footers, SchemaInference inference) {
        this.listing = requireNonNull(listing, "listing is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.footers = requireNonNull(footers, "footers is null");
        this.inference = requireNonNull(inference, "inference is null");
    }

    /** The plan of every target, and the leaf folders listed, for the seen-folders file. */
    record Plan(List<TablePlan> tables, Set<String> leafFolders, long filesListed) {}

    /** One table found under one include path, before it is named. */
    private record Found(CrawlRequest.Target target, String location, TableGroup group) {}

    /**
     * Plans the crawl.
     *
     * @param skippedFolders leaf folders not to list (CRAWL_NEW_FOLDERS_ONLY: the ones earlier crawls saw)
     * @param crawlerTables the tables this crawler made before, name by location: they keep their names,
     *     those no longer found are planned as gone, and when folders are skipped their files stay in them
     */
    Plan plan(CrawlRequest request, Set<String> skippedFolders, Map<String, String> crawlerTables) throws IOException {
        GroupingOptions options = GroupingOptions.parse(Optional.ofNullable(request.configuration()));
        List<Found> found = new ArrayList<>();
        Map<String, FileClassifier.Result> results = new HashMap<>();
        Set<String> leafFolders = new LinkedHashSet<>();
        List<String> bases = new ArrayList<>();
        long filesListed = 0;
        for (CrawlRequest.Target target : request.targets()) {
            Exclusions exclusions;
            try {
                exclusions = Exclusions.of(target.exclusions());
            }
            catch (IllegalArgumentException e) {
                throw new CrawlException(e.getMessage(), e);
            }
            String base = target.path().endsWith("/") ? target.path() : target.path() + "/";
            bases.add(base);
            FileListing.Listing listed = listing.list(target.path(), exclusions, skippedFolders);
            filesListed += listed.files().size();
            leafFolders.addAll(listed.leafFolders());
            List<FileSummary> summaries = summarize(base, listed.files(), results);
            // Only when folders are skipped can a regrouping of the rest misplace them: then earlier tables stay.
            Set<String> known = skippedFolders.isEmpty() ? Set.of() : relativeLocations(base, crawlerTables.keySet());
            for (TableGroup group : TableGrouper.group(base, summaries, options, known)) {
                found.add(new Found(target, base + group.relativeLocation(), group));
            }
        }
        List<String> names = TableNames.assign(found.stream().map(table -> new TableNames.Candidate(table.location(), table.group().nameSource())).toList(),
                request.tablePrefix(), crawlerTables);
        List<TablePlan> tables = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            tables.add(planTable(request, found.get(i), names.get(i), results));
        }
        tables.addAll(gone(bases, tables, crawlerTables));
        return new Plan(List.copyOf(tables), Set.copyOf(leafFolders), filesListed);
    }

    /** Classifies every file (failing on those no classifier recognises) and reads its column names. */
    private List<FileSummary> summarize(String base, List<DataFile> files, Map<String, FileClassifier.Result> results) throws IOException {
        List<FileSummary> summaries = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (DataFile file : files) {
            FileClassifier.Result result = classifier.classify(file);
            results.put(file.uri(), result);
            if (result.classification() == Classification.UNKNOWN) {
                unknown.add(file.uri());
            }
        }
        if (!unknown.isEmpty()) {
            throw new CrawlException("Unreadable files under " + base + ": no built-in classifier (json, csv, parquet, orc, avro) recognises "
                    + SchemaInference.describe(unknown));
        }
        for (DataFile file : files) {
            FileClassifier.Result result = results.get(file.uri());
            Set<String> names = switch (result.classification()) {
                case PARQUET, ORC, AVRO -> footers.namesOf(file, result.classification());
                case JSON, CSV, UNKNOWN -> result.columnNames();
            };
            summaries.add(new FileSummary(file, DataFormat.of(result), names));
        }
        return summaries;
    }

    private TablePlan planTable(CrawlRequest request, Found found, String tableName, Map<String, FileClassifier.Result> results) {
        String location = found.location();
        List<DataFile> files = found.group().files();
        Map<Classification, List<DataFile>> byFormat = new LinkedHashMap<>();
        List<FileClassifier.Result> tableResults = new ArrayList<>();
        for (DataFile file : files) {
            FileClassifier.Result result = results.get(file.uri());
            tableResults.add(result);
            byFormat.computeIfAbsent(result.classification(), key -> new ArrayList<>()).add(file);
        }
        if (byFormat.size() > 1) {
            String formats = byFormat.entrySet().stream()
                    .map(entry -> entry.getKey().parameterValue() + " (" + entry.getValue().get(0).uri() + ")")
                    .collect(Collectors.joining(", "));
            throw new CrawlException("Mixed formats under " + location + ": " + formats + "; the files of one table must hold one format");
        }
        Classification classification = byFormat.keySet().iterator().next();
        Optional<CsvFormat> csv = Optional.empty();
        boolean gzip = tableResults.get(0).gzip();
        if (classification == Classification.CSV) {
            Set<Character> delimiters = tableResults.stream().map(result -> result.csv().orElseThrow().delimiter()).collect(Collectors.toSet());
            if (delimiters.size() > 1) {
                throw new CrawlException("Mixed CSV delimiters under " + location + ": " + delimiters);
            }
            // A header is a property of the table: any file with one says the files have headers.
            csv = tableResults.stream().map(result -> result.csv().orElseThrow()).filter(CsvFormat::hasHeader).findFirst()
                    .or(() -> tableResults.get(0).csv());
        }
        PartitionLayout layout = PartitionLayout.of(files);
        List<String> sample = sample(files, found.target().sampleSize());
        List<Column> columns = inference.infer(classification, csv, sample).stream()
                .filter(column -> !layout.keys().contains(column.name()))
                .toList();
        Map<List<String>, String> partitions = new LinkedHashMap<>();
        if (!layout.keys().isEmpty()) {
            for (DataFile file : files) {
                partitions.putIfAbsent(layout.valuesOf(file), location + layout.folderOf(file));
            }
        }
        long size = files.stream().mapToLong(DataFile::size).sum();
        TableDefinition table = new TableDefinition(tableName, location, classification, csv, gzip, columns, layout.keys(), request.crawlerName(), files.size(), size);
        return new TablePlan(tableName, location, Optional.of(table), partitions);
    }

    /** The crawler's earlier tables under these include paths that this crawl did not find again. */
    private static List<TablePlan> gone(List<String> bases, List<TablePlan> planned, Map<String, String> crawlerTables) {
        Set<String> plannedLocations = new HashSet<>();
        Set<String> plannedNames = new HashSet<>();
        planned.forEach(plan -> {
            plannedLocations.add(TableNames.normalized(plan.location()));
            plannedNames.add(plan.tableName());
        });
        List<TablePlan> gone = new ArrayList<>();
        crawlerTables.forEach((location, name) -> {
            boolean underTarget = bases.stream().anyMatch(base -> isUnder(location, base));
            if (underTarget && !plannedLocations.contains(TableNames.normalized(location)) && !plannedNames.contains(name)) {
                gone.add(new TablePlan(name, location, Optional.empty(), Map.of()));
            }
        });
        gone.sort(Comparator.comparing(TablePlan::tableName));
        return gone;
    }

    /** The locations under {@code base}, relative to it as {@link TableGroup#relativeLocation()} spells them. */
    static Set<String> relativeLocations(String base, Set<String> locations) {
        Set<String> relative = new HashSet<>();
        for (String location : locations) {
            if (TableNames.normalized(location).equals(TableNames.normalized(base))) {
                relative.add("");
            }
            else if (location.startsWith(base)) {
                relative.add(location.substring(base.length()));
            }
        }
        return relative;
    }

    private static boolean isUnder(String location, String base) {
        return TableNames.normalized(location).equals(TableNames.normalized(base)) || location.startsWith(base);
    }

    /** Up to {@code sampleSize} files of each leaf folder (all when 0), for schema inference. */
    static List<String> sample(List<DataFile> files, int sampleSize) {
        if (sampleSize <= 0) {
            return files.stream().map(DataFile::uri).toList();
        }
        Map<List<String>, Integer> taken = new LinkedHashMap<>();
        List<String> sample = new ArrayList<>();
        for (DataFile file : files) {
            int count = taken.merge(file.folders(), 1, Integer::sum);
            if (count <= sampleSize) {
                sample.add(file.uri());
            }
        }
        return sample;
    }
}
