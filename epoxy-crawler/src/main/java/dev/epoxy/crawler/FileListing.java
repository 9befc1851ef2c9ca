package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files of one include path through Hadoop's FileSystem (so that {@code s3://} resolves to
 * Epoxy's storage exactly as in sessions), folder by folder: excluded files and folders, hidden ones
 * (names starting with {@code _} or {@code .}, as Spark and Hive skip them) and, with
 * CRAWL_NEW_FOLDERS_ONLY, folders seen by earlier crawls are not listed at all.
 */
final class FileListing {
    private final Configuration hadoopConf;

    FileListing(Configuration hadoopConf) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    }

    /** The listed files, and the folders that hold files directly (the leaf folders, as URIs ending in /). */
    record Listing(List<DataFile> files, List<String> leafFolders) {}

    Listing list(String includePath, Exclusions exclusions, Set<String> skippedFolders) throws IOException {
        Path root = new Path(includePath);
        FileSystem fileSystem = root.getFileSystem(hadoopConf);
        List<DataFile> files = new ArrayList<>();
        List<String> leafFolders = new ArrayList<>();
        FileStatus rootStatus;
        try {
            rootStatus = fileSystem.getFileStatus(root);
        }
        catch (FileNotFoundException e) {
            return new Listing(List.of(), List.of());
        }
        if (rootStatus.isFile()) {
            files.add(new DataFile(rootStatus.getPath().toString(), List.of(), rootStatus.getLen()));
            return new Listing(List.copyOf(files), List.of());
        }
        String base = includePath.endsWith("/") ? includePath : includePath + "/";
        walk(fileSystem, base, rootStatus.getPath(), List.of(), exclusions, skippedFolders, files, leafFolders);
        return new Listing(List.copyOf(files), List.copyOf(leafFolders));
    }

    /** Folder URIs are the include path as given plus the folder names: the same spelling in every crawl. */
    private void walk(FileSystem fileSystem, String base, Path folder, List<String> folders, Exclusions exclusions, Set<String> skippedFolders,
            List<DataFile> files, List<String> leafFolders) throws IOException {
        FileStatus[] children = fileSystem.listStatus(folder);
        java.util.Arrays.sort(children, java.util.Comparator.comparing(status -> status.getPath().getName()));
        boolean holdsFiles = false;
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".") || name.endsWith("_$folder$")) {
                continue;
            }
            List<String> childFolders = new ArrayList<>(folders);
            String relative = String.join("/", folders) + (folders.isEmpty() ? "" : "/") + name;
            if (exclusions.excludes(relative)) {
                continue;
            }
            if (child.isDirectory()) {
                childFolders.add(name);
                if (skippedFolders.contains(base + String.join("/", childFolders) + "/")) {
                    continue;
                }
                walk(fileSystem, base, child.getPath(), childFolders, exclusions, skippedFolders, files, leafFolders);
            }
            else if (child.getLen() > 0) {
                holdsFiles = true;
                files.add(new DataFile(child.getPath().toString(), folders, child.getLen()));
            }
        }
        if (holdsFiles && !folders.isEmpty()) {
            leafFolders.add(base + String.join("/", folders) + "/");
        }
    }
}
