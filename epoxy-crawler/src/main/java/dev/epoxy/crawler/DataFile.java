package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One file found under an include path.
 *
 * @param uri the file's full URI, e.g. {@code s3://bucket/raw/year=2026/part-0.json}
 * @param folders the folder names between the include path and the file
 */
record DataFile(String uri, List<String> folders, long size) {
    DataFile {
        requireNonNull(uri, "uri is null");
        folders = List.copyOf(requireNonNull(folders, "folders is null"));
    }
}
