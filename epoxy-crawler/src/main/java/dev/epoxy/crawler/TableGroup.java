package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The files of one table a crawl found under an include path, before schemas are inferred.
 *
 * @param relativeLocation the table's location relative to the include path: empty for the include
 *     path itself, a folder ending in {@code /} ({@code orders/}), or a file ({@code notes.csv}) for a
 *     file that lies next to folders
 * @param nameSource the folder or file name the table is named after
 * @param files the table's files, their folders relative to the table's location (so the first
 *     folders are the table's partitions)
 */
record TableGroup(String relativeLocation, String nameSource, List<DataFile> files) {
    TableGroup {
        requireNonNull(relativeLocation, "relativeLocation is null");
        requireNonNull(nameSource, "nameSource is null");
        files = List.copyOf(files);
    }

    /** Whether the table is one file next to folders, rather than a folder. */
    boolean isSingleFile() {
        return !relativeLocation.isEmpty() && !relativeLocation.endsWith("/");
    }
}
