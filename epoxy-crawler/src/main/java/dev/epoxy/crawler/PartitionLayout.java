package dev.epoxy.crawler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partition keys of a table from the folders between its include path and its files, as Glue
 * names them: Hive-style folders ({@code year=2026/month=02/}) give their key names; other folders
 * give {@code partition_0}, {@code partition_1}… Every key is a {@code string}. Files lie at the
 * depth of the shallowest leaf folder; deeper folders belong to the partition above them.
 *
 * @param keys the partition key names, outermost first
 */
record PartitionLayout(List<String> keys) {
    PartitionLayout {
        keys = List.copyOf(keys);
    }

    /**
     * The layout of these files' folders.
     *
     * @throws CrawlException when the files are not at one depth in the include path's folder tree or
     *     when the Hive-style key names disagree between folders at one depth
     */
    static PartitionLayout of(List<DataFile> files) {
        if (files.isEmpty()) {
            return new PartitionLayout(List.of());
        }
        int depth = files.stream().mapToInt(file -> file.folders().size()).min().orElse(0);
        List<String> keys = new ArrayList<>();
        for (int level = 0; level < depth; level++) {
            Map<String, String> namesSeen = new LinkedHashMap<>();
            for (DataFile file : files) {
                String folder = file.folders().get(level);
                namesSeen.putIfAbsent(hiveKey(folder).orElse(""), folder);
            }
            if (namesSeen.size() == 1) {
                String key = namesSeen.keySet().iterator().next();
                keys.add(key.isEmpty() ? "partition_" + level : key);
            }
            else {
                // Mixed names at one level (year=2026 next to 2025, or year= next to yr=): Glue numbers the key.
                keys.add("partition_" + level);
            }
        }
        return new PartitionLayout(keys);
    }

    /** The partition values of a file (its folders' values, down to the layout's depth). */
    List<String> valuesOf(DataFile file) {
        List<String> values = new ArrayList<>();
        for (int level = 0; level < keys.size(); level++) {
            String folder = file.folders().get(level);
            Optional<String> key = hiveKey(folder);
            values.add(key.isPresent() && key.get().equals(keys.get(level)) ? folder.substring(folder.indexOf('=') + 1) : folder);
        }
        return List.copyOf(values);
    }

    /** The folder of a partition relative to the include path, e.g. {@code year=2026/month=02/}. */
    String folderOf(DataFile file) {
        StringBuilder folder = new StringBuilder();
        for (int level = 0; level < keys.size(); level++) {
            folder.append(file.folders().get(level)).append('/');
        }
        return folder.toString();
    }

    /** The key of a Hive-style folder name {@code key=value}, lower-cased as Glue stores column names. */
    static Optional<String> hiveKey(String folder) {
        int equals = folder.indexOf('=');
        if (equals <= 0) {
            return Optional.empty();
        }
        return Optional.of(folder.substring(0, equals).toLowerCase(java.util.Locale.ROOT));
    }
}
