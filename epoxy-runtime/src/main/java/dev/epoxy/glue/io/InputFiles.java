package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import dev.epoxy.glue.GlueRuntimeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files a source reads: each input path is a file, a directory or a glob. A directory
 * contributes its files, and (without {@code recurse}) the files of Hive-style {@code key=value}
 * subdirectories; with {@code recurse} all files below it. Hidden files ({@code _SUCCESS},
 * {@code .crc}) are skipped. {@code exclusions} are globs matched against the full path, the path
 * under the input directory, and the input path as written plus that relative path.
 */
final class InputFiles {
    private InputFiles() {}

    /** The files of the paths, with their status (the modification time is what job bookmarks compare). */
    static List<FileStatus> list(Configuration hadoopConf, List<String> paths, boolean recurse, List<String> exclusions) {
        List<Pattern> matchers = new ArrayList<>();
        for (String exclusion : exclusions) {
            matchers.add(globToRegex(exclusion));
        }
        List<FileStatus> files = new ArrayList<>();
        for (String input : paths) {
            for (FileStatus root : resolve(hadoopConf, input)) {
                List<FileStatus> found = new ArrayList<>();
                collect(hadoopConf, root, recurse, true, found);
                String rootPath = root.getPath().toString();
                for (FileStatus file : found) {
                    String full = file.getPath().toString();
                    String relative = full.length() > rootPath.length() ? full.substring(rootPath.length() + 1) : file.getPath().getName();
                    String asWritten = input.endsWith("/") ? input + relative : input + "/" + relative;
                    if (!excluded(matchers, full, relative, asWritten)) {
                        files.add(file);
                    }
                }
            }
        }
        return files;
    }

    /** Fails with NOT_FOUND naming the first path that matches nothing. */
    static void checkExist(Configuration hadoopConf, List<String> paths) {
        for (String path : paths) {
            resolve(hadoopConf, path);
        }
    }

    /** Whether {@code path} names a directory (not a file, a glob or nothing). */
    static boolean isDirectory(Configuration hadoopConf, String path) {
        try {
            Path resolved = new Path(path);
            return resolved.getFileSystem(hadoopConf).getFileStatus(resolved).isDirectory();
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static List<FileStatus> resolve(Configuration hadoopConf, String input) {
        try {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(hadoopConf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new GlueRuntimeException(GlueRuntimeException.Kind.NOT_FOUND, "Path does not exist: %s", input);
            }
            return List.of(matches);
        } catch (IOException | IllegalArgumentException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot list %s: %s", input, e.getMessage());
        }
    }

    private static void collect(Configuration hadoopConf, FileStatus status, boolean recurse, boolean isRoot, List<FileStatus> found) {
        String name = status.getPath().getName();
        if (!isRoot && (name.startsWith("_") || name.startsWith("."))) {
            return;
        }
        if (status.isFile()) {
            found.add(status);
            return;
        }
        if (!isRoot && !recurse && !name.contains("=")) {
            return;
        }
        try {
            FileSystem fs = status.getPath().getFileSystem(hadoopConf);
            FileStatus[] children = fs.listStatus(status.getPath());
            java.util.Arrays.sort(children, java.util.Comparator.comparing(child -> child.getPath().getName()));
            for (FileStatus child : children) {
                collect(hadoopConf, child, recurse, false, found);
            }
        } catch (IOException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot list %s: %s", status.getPath(), e.getMessage());
        }
    }

    private static boolean excluded(List<Pattern> matchers, String... candidates) {
        for (Pattern matcher : matchers) {
            for (String candidate : candidates) {
                if (matcher.matcher(candidate).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Glob as in Glue's exclusions: {@code **} crosses directories, {@code *} and {@code ?} don't. */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '{') {
                regex.append("(?:");
                braces++;
            } else if (c == '}' && braces > 0) {
                regex.append(')');
                braces--;
            } else if (c == ',' && braces > 0) {
                regex.append('|');
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    throw invalidInput("Invalid exclusions pattern %s: unclosed [", glob);
                }
                regex.append('[').append(glob, i + 1, end).append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw invalidInput("Invalid exclusions pattern %s: unclosed {", glob);
        }
        return Pattern.compile(regex.toString());
    }
}
