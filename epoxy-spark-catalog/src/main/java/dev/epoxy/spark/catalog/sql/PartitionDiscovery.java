package dev.epoxy.spark.catalog.sql;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * The Hive-style partition directories ({@code year=2026/month=02}) under a table location, as MSCK REPAIR
 * TABLE and dynamic-partition writes find them. Only directories are listed, one level per partition key.
 */
final class PartitionDiscovery {
    /** A partition directory: its values in key order and its path. */
    record FoundPartition(List<String> values, String location) {
        FoundPartition {
            values = List.copyOf(values);
        }
    }

    private PartitionDiscovery() {}

    /**
     * The partition directories under {@code root}, which is the table location or, for a write with static
     * partition values, the directory of those values ({@code prefixValues}).
     */
    static List<FoundPartition> find(Path root, List<String> keys, List<String> prefixValues, Configuration hadoopConf) {
        List<FoundPartition> found = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(hadoopConf);
            walk(fs, root, keys, prefixValues.size(), new ArrayList<>(prefixValues), found);
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list partitions under " + root, e);
        }
        return found;
    }

    private static void walk(FileSystem fs, Path directory, List<String> keys, int depth, List<String> values, List<FoundPartition> found)
            throws IOException {
        if (depth == keys.size()) {
            found.add(new FoundPartition(values, directory.toString()));
            return;
        }
        String key = keys.get(depth);
        for (FileStatus status : fs.listStatus(directory)) {
            if (!status.isDirectory()) {
                continue;
            }
            String name = status.getPath().getName();
            int equals = name.indexOf('=');
            if (equals <= 0 || !name.substring(0, equals).equalsIgnoreCase(key)) {
                continue;
            }
            List<String> next = new ArrayList<>(values);
            next.add(ExternalCatalogUtils.unescapePathName(name.substring(equals + 1)));
            walk(fs, status.getPath(), keys, depth + 1, next, found);
        }
    }
}
