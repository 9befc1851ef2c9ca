package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What table grouping knows of one listed file: where it is, its format and the names of its
 * top-level columns (lower-case), read cheaply from the file's start or footer, without Spark.
 */
record FileSummary(DataFile file, DataFormat format, Set<String> columnNames) {
    FileSummary {
        requireNonNull(file, "file is null");
        requireNonNull(format, "format is null");
        columnNames = Set.copyOf(columnNames);
    }
}
