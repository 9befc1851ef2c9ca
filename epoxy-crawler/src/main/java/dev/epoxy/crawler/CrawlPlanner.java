package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, without writing anything, the tables and partitions of one crawl: lists every include
 * path, classifies its files, finds its partition layout and infers its columns. Glue's rule for
 * tables: one table per include path when its files' schemas are compatible. Files of different
 * formats under one include path, or files no classifier recognises, fail the crawl (naming them)
 * before any table is touched.
 */
final class CrawlPlanner {
    private final FileListing listing;
    private final FileClassifier classifier;
    private final SchemaInference inference;

    CrawlPlanner(FileListing listing, FileClassifier classifier, SchemaInference inference) {
        this.listing = requireNonNull(listing, "listing is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.inference = requireNonNull(inference, "inference is null");
    }

    /** The plan of every target, and the leaf folders listed, for the seen-folders file. */
    record Plan(List<TablePlan> tables, Set<String> leafFolders, long filesListed) {}

    Plan plan(CrawlRequest request, Set<String> skippedFolders) throws IOException {
        List<TablePlan> tables = new ArrayList<>();
        Set<String> leafFolders = new LinkedHashSet<>();
        long filesListed = 0;
        for (CrawlRequest.Target target : request.targets()) {
            Exclusions exclusions;
            try {
                exclusions = Exclusions.of(target.exclusions());
            }
            catch (IllegalArgumentException e) {
                throw new CrawlException(e.getMessage(), e);
            }
            FileListing.Listing found = listing.list(target.path(), exclusions, skippedFolders);
            filesListed += found.files().size();
            leafFolders.addAll(found.leafFolders());
            tables.add(planTable(request, target, found.files()));
        }
        return new Plan(List.copyOf(tables), Set.copyOf(leafFolders), filesListed);
    }

    private TablePlan planTable(CrawlRequest request, CrawlRequest.Target target, List<DataFile> files) throws IOException {
        String tableName = request.tablePrefix() + tableNameOf(target.path());
        String location = target.path().endsWith("/") ? target.path() : target.path() + "/";
        if (files.isEmpty()) {
            return new TablePlan(tableName, location, Optional.empty(), Map.of());
        }
        Map<Classification, List<DataFile>> byFormat = new LinkedHashMap<>();
        Map<DataFile, FileClassifier.Result> results = new LinkedHashMap<>();
        for (DataFile file : files) {
            FileClassifier.Result result = classifier.classify(file);
            results.put(file, result);
            byFormat.computeIfAbsent(result.classification(), key -> new ArrayList<>()).add(file);
        }
        if (byFormat.containsKey(Classification.UNKNOWN)) {
            List<DataFile> unknown = byFormat.get(Classification.UNKNOWN);
            throw new CrawlException("Unreadable files under " + location + ": no built-in classifier (json, csv, parquet, orc, avro) recognises "
                    + SchemaInference.describe(unknown.stream().map(DataFile::uri).toList()));
        }
        if (byFormat.size() > 1) {
            String formats = byFormat.entrySet().stream()
                    .map(entry -> entry.getKey().parameterValue() + " (" + entry.getValue().get(0).uri() + ")")
                    .collect(Collectors.joining(", "));
            throw new CrawlException("Mixed formats under " + location + ": " + formats + "; one include path must hold one format");
        }
        Classification classification = byFormat.keySet().iterator().next();
        Optional<CsvFormat> csv = Optional.empty();
        boolean gzip = results.values().iterator().next().gzip();
        if (classification == Classification.CSV) {
            Set<Character> delimiters = results.values().stream().map(result -> result.csv().orElseThrow().delimiter()).collect(Collectors.toSet());
            if (delimiters.size() > 1) {
                throw new CrawlException("Mixed CSV delimiters under " + location + ": " + delimiters);
            }
            // A header is a property of the table: any file with one says the files have headers.
            csv = results.values().stream().map(result -> result.csv().orElseThrow()).filter(CsvFormat::hasHeader).findFirst()
                    .or(() -> results.values().iterator().next().csv());
        }
        PartitionLayout layout = PartitionLayout.of(files);
        List<String> sample = sample(files, target.sampleSize());
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

    /** Glue names a table after the include path's last folder, lower-cased, other characters than [a-z0-9_] as {@code _}. */
    static String tableNameOf(String includePath) {
        String trimmed = includePath.replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
